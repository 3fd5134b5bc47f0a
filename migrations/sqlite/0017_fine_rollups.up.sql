-- 0017_fine_rollups (sqlite, up): the rollups that let a report skip the traces. Their tenancy, key,
-- model and provider are `trace_names` numbers, as in trace_rows (0: no provider), so a row is a few
-- dozen bytes.
--
-- usage_minutely: usage_hourly's totals per minute. A report's range rarely starts or ends on the
-- hour; the whole minutes of its partial hours are read from here, so at most a minute at each end
-- comes from the traces (a burst of traffic made a report that cut into an hour read millions).
--
-- usage_identity_hourly and usage_identity_daily: per hour and per UTC day and tenant, the totals of
-- each end user (kind 1) and of each tag (kind 2; a trace with two tags counts under both), '' for
-- none. Reports grouped or filtered by one of them read whole days, then whole hours, from these.
--
-- cache_hourly and cache_minutely: the response cache's lookups, hits and savings by tenant and
-- model, for `brokle cache stats` (requests whose model had caching on only).
--
-- The minutes and the identity rows are pruned with the traces they summarise (each bucket that
-- held a pruned trace goes whole), and `brokle trace purge` moves an end user's and tags' figures to
-- none, so an end user's id lives no longer than their traces. The hours (usage_hourly, cache_hourly)
-- keep their history.
CREATE TABLE usage_minutely (
    minute_start       REAL NOT NULL,
    org                INTEGER NOT NULL,
    project            INTEGER NOT NULL,
    environment        INTEGER NOT NULL,
    api_key            INTEGER NOT NULL,
    model_requested    INTEGER NOT NULL,
    provider           INTEGER NOT NULL,
    requests           INTEGER NOT NULL,
    errors             INTEGER NOT NULL,
    tokens_in          INTEGER NOT NULL,
    tokens_out         INTEGER NOT NULL,
    tokens_cached      INTEGER NOT NULL,
    cost_nanousd       INTEGER,
    unpriced_requests  INTEGER NOT NULL,
    PRIMARY KEY (minute_start, org, project, environment, api_key, model_requested, provider)
) WITHOUT ROWID;

CREATE TABLE usage_identity_hourly (
    kind               SMALLINT NOT NULL CHECK (kind IN (1, 2)),
    hour_start         REAL NOT NULL,
    org                INTEGER NOT NULL,
    project            INTEGER NOT NULL,
    environment        INTEGER NOT NULL,
    value              TEXT NOT NULL,
    requests           INTEGER NOT NULL,
    errors             INTEGER NOT NULL,
    tokens_in          INTEGER NOT NULL,
    tokens_out         INTEGER NOT NULL,
    tokens_cached      INTEGER NOT NULL,
    cost_nanousd       INTEGER,
    unpriced_requests  INTEGER NOT NULL,
    PRIMARY KEY (kind, hour_start, org, project, environment, value)
) WITHOUT ROWID;

CREATE TABLE usage_identity_daily (
    kind               SMALLINT NOT NULL CHECK (kind IN (1, 2)),
    day_start          REAL NOT NULL,
    org                INTEGER NOT NULL,
    project            INTEGER NOT NULL,
    environment        INTEGER NOT NULL,
    value              TEXT NOT NULL,
    requests           INTEGER NOT NULL,
    errors             INTEGER NOT NULL,
    tokens_in          INTEGER NOT NULL,
    tokens_out         INTEGER NOT NULL,
    tokens_cached      INTEGER NOT NULL,
    cost_nanousd       INTEGER,
    unpriced_requests  INTEGER NOT NULL,
    PRIMARY KEY (kind, day_start, org, project, environment, value)
) WITHOUT ROWID;

CREATE TABLE cache_hourly (
    hour_start         REAL NOT NULL,
    org                INTEGER NOT NULL,
    project            INTEGER NOT NULL,
    environment        INTEGER NOT NULL,
    model_requested    INTEGER NOT NULL,
    requests           INTEGER NOT NULL,
    exact_hits         INTEGER NOT NULL,
    semantic_hits      INTEGER NOT NULL,
    misses             INTEGER NOT NULL,
    bypassed           INTEGER NOT NULL,
    unpriced_hits      INTEGER NOT NULL,
    tokens_saved_in    INTEGER NOT NULL,
    tokens_saved_out   INTEGER NOT NULL,
    saved_nanousd      INTEGER NOT NULL,
    embed_nanousd      INTEGER NOT NULL,
    PRIMARY KEY (hour_start, org, project, environment, model_requested)
) WITHOUT ROWID;

CREATE TABLE cache_minutely (
    minute_start       REAL NOT NULL,
    org                INTEGER NOT NULL,
    project            INTEGER NOT NULL,
    environment        INTEGER NOT NULL,
    model_requested    INTEGER NOT NULL,
    requests           INTEGER NOT NULL,
    exact_hits         INTEGER NOT NULL,
    semantic_hits      INTEGER NOT NULL,
    misses             INTEGER NOT NULL,
    bypassed           INTEGER NOT NULL,
    unpriced_hits      INTEGER NOT NULL,
    tokens_saved_in    INTEGER NOT NULL,
    tokens_saved_out   INTEGER NOT NULL,
    saved_nanousd      INTEGER NOT NULL,
    embed_nanousd      INTEGER NOT NULL,
    PRIMARY KEY (minute_start, org, project, environment, model_requested)
) WITHOUT ROWID;

INSERT INTO usage_minutely
SELECT CAST(started_at / 60 AS INTEGER) * 60.0, org, project, environment, api_key, model_requested, COALESCE(provider, 0),
       count(*), sum(CASE WHEN status = 1 THEN 1 ELSE 0 END), sum(tokens_in), sum(tokens_out), sum(tokens_cached),
       sum(cost_nanousd), sum(CASE WHEN cost_status = (SELECT ref FROM trace_names WHERE name = 'unpriced') THEN 1 ELSE 0 END)
FROM trace_rows WHERE 1 = 1
GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO usage_identity_hourly
SELECT 1, CAST(started_at / 3600 AS INTEGER) * 3600.0, org, project, environment, COALESCE(end_user, ''),
       count(*), sum(CASE WHEN status = 1 THEN 1 ELSE 0 END), sum(tokens_in), sum(tokens_out), sum(tokens_cached),
       sum(cost_nanousd), sum(CASE WHEN cost_status = (SELECT ref FROM trace_names WHERE name = 'unpriced') THEN 1 ELSE 0 END)
FROM trace_rows WHERE 1 = 1
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO usage_identity_hourly
SELECT 2, CAST(t.started_at / 3600 AS INTEGER) * 3600.0, t.org, t.project, t.environment, COALESCE(tg.value, ''),
       count(*), sum(CASE WHEN t.status = 1 THEN 1 ELSE 0 END), sum(t.tokens_in), sum(t.tokens_out), sum(t.tokens_cached),
       sum(t.cost_nanousd), sum(CASE WHEN t.cost_status = (SELECT ref FROM trace_names WHERE name = 'unpriced') THEN 1 ELSE 0 END)
FROM trace_rows t LEFT JOIN json_each(t.tags) tg WHERE 1 = 1
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO usage_identity_daily
SELECT 1, CAST(started_at / 86400 AS INTEGER) * 86400.0, org, project, environment, COALESCE(end_user, ''),
       count(*), sum(CASE WHEN status = 1 THEN 1 ELSE 0 END), sum(tokens_in), sum(tokens_out), sum(tokens_cached),
       sum(cost_nanousd), sum(CASE WHEN cost_status = (SELECT ref FROM trace_names WHERE name = 'unpriced') THEN 1 ELSE 0 END)
FROM trace_rows WHERE 1 = 1
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO usage_identity_daily
SELECT 2, CAST(t.started_at / 86400 AS INTEGER) * 86400.0, t.org, t.project, t.environment, COALESCE(tg.value, ''),
       count(*), sum(CASE WHEN t.status = 1 THEN 1 ELSE 0 END), sum(t.tokens_in), sum(t.tokens_out), sum(t.tokens_cached),
       sum(t.cost_nanousd), sum(CASE WHEN t.cost_status = (SELECT ref FROM trace_names WHERE name = 'unpriced') THEN 1 ELSE 0 END)
FROM trace_rows t LEFT JOIN json_each(t.tags) tg WHERE 1 = 1
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO cache_hourly
SELECT CAST(started_at / 3600 AS INTEGER) * 3600.0, org, project, environment, model_requested,
       count(*), sum(CASE WHEN cache_result = 0 THEN 1 ELSE 0 END), sum(CASE WHEN cache_result = 1 THEN 1 ELSE 0 END),
       sum(CASE WHEN cache_result = 2 THEN 1 ELSE 0 END), sum(CASE WHEN cache_result = 3 THEN 1 ELSE 0 END),
       sum(CASE WHEN cache_result IN (0, 1) AND saved_nanousd IS NULL THEN 1 ELSE 0 END),
       COALESCE(sum(saved_tokens_in), 0), COALESCE(sum(saved_tokens_out), 0), COALESCE(sum(saved_nanousd), 0),
       COALESCE(sum(cache_embed_nanousd), 0)
FROM trace_rows WHERE cache_result IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO cache_minutely
SELECT CAST(started_at / 60 AS INTEGER) * 60.0, org, project, environment, model_requested,
       count(*), sum(CASE WHEN cache_result = 0 THEN 1 ELSE 0 END), sum(CASE WHEN cache_result = 1 THEN 1 ELSE 0 END),
       sum(CASE WHEN cache_result = 2 THEN 1 ELSE 0 END), sum(CASE WHEN cache_result = 3 THEN 1 ELSE 0 END),
       sum(CASE WHEN cache_result IN (0, 1) AND saved_nanousd IS NULL THEN 1 ELSE 0 END),
       COALESCE(sum(saved_tokens_in), 0), COALESCE(sum(saved_tokens_out), 0), COALESCE(sum(saved_nanousd), 0),
       COALESCE(sum(cache_embed_nanousd), 0)
FROM trace_rows WHERE cache_result IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;
