-- 0017_fine_rollups (postgres, up): the rollups that let a report skip the traces. Their tenancy, key,
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
    minute_start       TIMESTAMPTZ NOT NULL,
    org                INTEGER NOT NULL,
    project            INTEGER NOT NULL,
    environment        INTEGER NOT NULL,
    api_key            INTEGER NOT NULL,
    model_requested    INTEGER NOT NULL,
    provider           INTEGER NOT NULL,
    requests           BIGINT NOT NULL,
    errors             BIGINT NOT NULL,
    tokens_in          BIGINT NOT NULL,
    tokens_out         BIGINT NOT NULL,
    tokens_cached      BIGINT NOT NULL,
    cost_nanousd       BIGINT,
    unpriced_requests  BIGINT NOT NULL,
    PRIMARY KEY (minute_start, org, project, environment, api_key, model_requested, provider)
);

CREATE TABLE usage_identity_hourly (
    kind               SMALLINT NOT NULL CHECK (kind IN (1, 2)),
    hour_start         TIMESTAMPTZ NOT NULL,
    org                INTEGER NOT NULL,
    project            INTEGER NOT NULL,
    environment        INTEGER NOT NULL,
    value              TEXT NOT NULL,
    requests           BIGINT NOT NULL,
    errors             BIGINT NOT NULL,
    tokens_in          BIGINT NOT NULL,
    tokens_out         BIGINT NOT NULL,
    tokens_cached      BIGINT NOT NULL,
    cost_nanousd       BIGINT,
    unpriced_requests  BIGINT NOT NULL,
    PRIMARY KEY (kind, hour_start, org, project, environment, value)
);

CREATE TABLE usage_identity_daily (
    kind               SMALLINT NOT NULL CHECK (kind IN (1, 2)),
    day_start          TIMESTAMPTZ NOT NULL,
    org                INTEGER NOT NULL,
    project            INTEGER NOT NULL,
    environment        INTEGER NOT NULL,
    value              TEXT NOT NULL,
    requests           BIGINT NOT NULL,
    errors             BIGINT NOT NULL,
    tokens_in          BIGINT NOT NULL,
    tokens_out         BIGINT NOT NULL,
    tokens_cached      BIGINT NOT NULL,
    cost_nanousd       BIGINT,
    unpriced_requests  BIGINT NOT NULL,
    PRIMARY KEY (kind, day_start, org, project, environment, value)
);

CREATE TABLE cache_hourly (
    hour_start         TIMESTAMPTZ NOT NULL,
    org                INTEGER NOT NULL,
    project            INTEGER NOT NULL,
    environment        INTEGER NOT NULL,
    model_requested    INTEGER NOT NULL,
    requests           BIGINT NOT NULL,
    exact_hits         BIGINT NOT NULL,
    semantic_hits      BIGINT NOT NULL,
    misses             BIGINT NOT NULL,
    bypassed           BIGINT NOT NULL,
    unpriced_hits      BIGINT NOT NULL,
    tokens_saved_in    BIGINT NOT NULL,
    tokens_saved_out   BIGINT NOT NULL,
    saved_nanousd      BIGINT NOT NULL,
    embed_nanousd      BIGINT NOT NULL,
    PRIMARY KEY (hour_start, org, project, environment, model_requested)
);

CREATE TABLE cache_minutely (
    minute_start       TIMESTAMPTZ NOT NULL,
    org                INTEGER NOT NULL,
    project            INTEGER NOT NULL,
    environment        INTEGER NOT NULL,
    model_requested    INTEGER NOT NULL,
    requests           BIGINT NOT NULL,
    exact_hits         BIGINT NOT NULL,
    semantic_hits      BIGINT NOT NULL,
    misses             BIGINT NOT NULL,
    bypassed           BIGINT NOT NULL,
    unpriced_hits      BIGINT NOT NULL,
    tokens_saved_in    BIGINT NOT NULL,
    tokens_saved_out   BIGINT NOT NULL,
    saved_nanousd      BIGINT NOT NULL,
    embed_nanousd      BIGINT NOT NULL,
    PRIMARY KEY (minute_start, org, project, environment, model_requested)
);

INSERT INTO usage_minutely
SELECT date_trunc('minute', started_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', org, project, environment, api_key, model_requested, COALESCE(provider, 0),
       count(*), sum(CASE WHEN status = 1 THEN 1 ELSE 0 END), sum(tokens_in), sum(tokens_out), sum(tokens_cached),
       sum(cost_nanousd), sum(CASE WHEN cost_status = (SELECT ref FROM trace_names WHERE name = 'unpriced') THEN 1 ELSE 0 END)
FROM trace_rows
GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO usage_identity_hourly
SELECT 1, date_trunc('hour', started_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', org, project, environment, COALESCE(end_user, ''),
       count(*), sum(CASE WHEN status = 1 THEN 1 ELSE 0 END), sum(tokens_in), sum(tokens_out), sum(tokens_cached),
       sum(cost_nanousd), sum(CASE WHEN cost_status = (SELECT ref FROM trace_names WHERE name = 'unpriced') THEN 1 ELSE 0 END)
FROM trace_rows
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO usage_identity_hourly
SELECT 2, date_trunc('hour', t.started_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', t.org, t.project, t.environment, COALESCE(tg.value, ''),
       count(*), sum(CASE WHEN t.status = 1 THEN 1 ELSE 0 END), sum(t.tokens_in), sum(t.tokens_out), sum(t.tokens_cached),
       sum(t.cost_nanousd), sum(CASE WHEN t.cost_status = (SELECT ref FROM trace_names WHERE name = 'unpriced') THEN 1 ELSE 0 END)
FROM trace_rows t LEFT JOIN LATERAL jsonb_array_elements_text(CAST(t.tags AS jsonb)) AS tg(value) ON true
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO usage_identity_daily
SELECT 1, date_trunc('day', started_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', org, project, environment, COALESCE(end_user, ''),
       count(*), sum(CASE WHEN status = 1 THEN 1 ELSE 0 END), sum(tokens_in), sum(tokens_out), sum(tokens_cached),
       sum(cost_nanousd), sum(CASE WHEN cost_status = (SELECT ref FROM trace_names WHERE name = 'unpriced') THEN 1 ELSE 0 END)
FROM trace_rows
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO usage_identity_daily
SELECT 2, date_trunc('day', t.started_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', t.org, t.project, t.environment, COALESCE(tg.value, ''),
       count(*), sum(CASE WHEN t.status = 1 THEN 1 ELSE 0 END), sum(t.tokens_in), sum(t.tokens_out), sum(t.tokens_cached),
       sum(t.cost_nanousd), sum(CASE WHEN t.cost_status = (SELECT ref FROM trace_names WHERE name = 'unpriced') THEN 1 ELSE 0 END)
FROM trace_rows t LEFT JOIN LATERAL jsonb_array_elements_text(CAST(t.tags AS jsonb)) AS tg(value) ON true
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO cache_hourly
SELECT date_trunc('hour', started_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', org, project, environment, model_requested,
       count(*), sum(CASE WHEN cache_result = 0 THEN 1 ELSE 0 END), sum(CASE WHEN cache_result = 1 THEN 1 ELSE 0 END),
       sum(CASE WHEN cache_result = 2 THEN 1 ELSE 0 END), sum(CASE WHEN cache_result = 3 THEN 1 ELSE 0 END),
       sum(CASE WHEN cache_result IN (0, 1) AND saved_nanousd IS NULL THEN 1 ELSE 0 END),
       COALESCE(sum(saved_tokens_in), 0), COALESCE(sum(saved_tokens_out), 0), COALESCE(sum(saved_nanousd), 0),
       COALESCE(sum(cache_embed_nanousd), 0)
FROM trace_rows WHERE cache_result IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO cache_minutely
SELECT date_trunc('minute', started_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', org, project, environment, model_requested,
       count(*), sum(CASE WHEN cache_result = 0 THEN 1 ELSE 0 END), sum(CASE WHEN cache_result = 1 THEN 1 ELSE 0 END),
       sum(CASE WHEN cache_result = 2 THEN 1 ELSE 0 END), sum(CASE WHEN cache_result = 3 THEN 1 ELSE 0 END),
       sum(CASE WHEN cache_result IN (0, 1) AND saved_nanousd IS NULL THEN 1 ELSE 0 END),
       COALESCE(sum(saved_tokens_in), 0), COALESCE(sum(saved_tokens_out), 0), COALESCE(sum(saved_nanousd), 0),
       COALESCE(sum(cache_embed_nanousd), 0)
FROM trace_rows WHERE cache_result IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;
