-- 0017_fine_rollups (postgres, up): the rollups that let a report skip the traces.
--
-- usage_minutely: usage_hourly's totals per minute. A report's range rarely starts or ends on the
-- hour; the whole minutes of its partial hours are read from here, so at most a minute at each end
-- comes from the traces (a burst of traffic made a report that cut into an hour read millions).
--
-- usage_identity_hourly: per hour and tenant, the totals of each end user (kind 'user') and of each
-- tag (kind 'tag'; a trace with two tags counts under both), '' standing for none. Reports grouped
-- or filtered by one of them read these instead of the range's traces.
--
-- Both are pruned with the traces they summarise (the traces' retention) and the identity rows are
-- subtracted by `brokle trace purge`, so an end user's id lives no longer than their traces do.
-- usage_hourly keeps its history as before.
--
-- cache_hourly and cache_minutely: the response cache's lookups, hits and savings per hour and per
-- minute, by tenant and model, for `brokle cache stats` as usage_hourly and usage_minutely serve
-- `brokle cost report`. Only requests whose model had caching on (cache_result set) count. The
-- hourly rows are kept; the minutes are pruned with the traces.
CREATE TABLE usage_minutely (
    minute_start       TIMESTAMPTZ NOT NULL,
    organization_id    TEXT NOT NULL,
    project_id         TEXT NOT NULL,
    environment_id     TEXT NOT NULL,
    api_key_id         TEXT NOT NULL,
    model_requested    TEXT NOT NULL,
    provider           TEXT NOT NULL,
    requests           BIGINT NOT NULL,
    errors             BIGINT NOT NULL,
    tokens_in          BIGINT NOT NULL,
    tokens_out         BIGINT NOT NULL,
    tokens_cached      BIGINT NOT NULL,
    cost_nanousd       BIGINT,
    unpriced_requests  BIGINT NOT NULL,
    PRIMARY KEY (minute_start, organization_id, project_id, environment_id, api_key_id, model_requested, provider)
);

CREATE TABLE usage_identity_hourly (
    hour_start         TIMESTAMPTZ NOT NULL,
    organization_id    TEXT NOT NULL,
    project_id         TEXT NOT NULL,
    environment_id     TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('user', 'tag')),
    value              TEXT NOT NULL,
    requests           BIGINT NOT NULL,
    errors             BIGINT NOT NULL,
    tokens_in          BIGINT NOT NULL,
    tokens_out         BIGINT NOT NULL,
    tokens_cached      BIGINT NOT NULL,
    cost_nanousd       BIGINT,
    unpriced_requests  BIGINT NOT NULL,
    PRIMARY KEY (kind, hour_start, organization_id, project_id, environment_id, value)
);

CREATE TABLE cache_hourly (
    hour_start         TIMESTAMPTZ NOT NULL,
    organization_id    TEXT NOT NULL,
    project_id         TEXT NOT NULL,
    environment_id     TEXT NOT NULL,
    model_requested    TEXT NOT NULL,
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
    PRIMARY KEY (hour_start, organization_id, project_id, environment_id, model_requested)
);

CREATE TABLE cache_minutely (
    minute_start       TIMESTAMPTZ NOT NULL,
    organization_id    TEXT NOT NULL,
    project_id         TEXT NOT NULL,
    environment_id     TEXT NOT NULL,
    model_requested    TEXT NOT NULL,
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
    PRIMARY KEY (minute_start, organization_id, project_id, environment_id, model_requested)
);

INSERT INTO usage_minutely
SELECT date_trunc('minute', started_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', organization_id, project_id, environment_id,
       api_key_id, model_requested, COALESCE(provider, ''), count(*), sum(CASE WHEN status = 'error' THEN 1 ELSE 0 END),
       sum(tokens_in), sum(tokens_out), sum(tokens_cached), sum(cost_nanousd),
       sum(CASE WHEN cost_status = 'unpriced' THEN 1 ELSE 0 END)
FROM traces
GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO usage_identity_hourly
SELECT date_trunc('hour', started_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', organization_id, project_id, environment_id,
       'user', COALESCE(end_user, ''), count(*), sum(CASE WHEN status = 'error' THEN 1 ELSE 0 END),
       sum(tokens_in), sum(tokens_out), sum(tokens_cached), sum(cost_nanousd),
       sum(CASE WHEN cost_status = 'unpriced' THEN 1 ELSE 0 END)
FROM traces
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO usage_identity_hourly
SELECT date_trunc('hour', t.started_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', t.organization_id, t.project_id,
       t.environment_id, 'tag', COALESCE(tg.value, ''), count(*), sum(CASE WHEN t.status = 'error' THEN 1 ELSE 0 END),
       sum(t.tokens_in), sum(t.tokens_out), sum(t.tokens_cached), sum(t.cost_nanousd),
       sum(CASE WHEN t.cost_status = 'unpriced' THEN 1 ELSE 0 END)
FROM traces t LEFT JOIN LATERAL jsonb_array_elements_text(CAST(t.tags AS jsonb)) AS tg(value) ON true
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO cache_hourly
SELECT date_trunc('hour', started_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', organization_id, project_id, environment_id, model_requested,
       count(*), sum(CASE WHEN cache_result = 'hit_exact' THEN 1 ELSE 0 END),
       sum(CASE WHEN cache_result = 'hit_semantic' THEN 1 ELSE 0 END), sum(CASE WHEN cache_result = 'miss' THEN 1 ELSE 0 END),
       sum(CASE WHEN cache_result = 'bypass' THEN 1 ELSE 0 END),
       sum(CASE WHEN cache_result IN ('hit_exact', 'hit_semantic') AND saved_nanousd IS NULL THEN 1 ELSE 0 END),
       COALESCE(sum(saved_tokens_in), 0), COALESCE(sum(saved_tokens_out), 0), COALESCE(sum(saved_nanousd), 0),
       COALESCE(sum(cache_embed_nanousd), 0)
FROM traces WHERE cache_result IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO cache_minutely
SELECT date_trunc('minute', started_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', organization_id, project_id, environment_id, model_requested,
       count(*), sum(CASE WHEN cache_result = 'hit_exact' THEN 1 ELSE 0 END),
       sum(CASE WHEN cache_result = 'hit_semantic' THEN 1 ELSE 0 END), sum(CASE WHEN cache_result = 'miss' THEN 1 ELSE 0 END),
       sum(CASE WHEN cache_result = 'bypass' THEN 1 ELSE 0 END),
       sum(CASE WHEN cache_result IN ('hit_exact', 'hit_semantic') AND saved_nanousd IS NULL THEN 1 ELSE 0 END),
       COALESCE(sum(saved_tokens_in), 0), COALESCE(sum(saved_tokens_out), 0), COALESCE(sum(saved_nanousd), 0),
       COALESCE(sum(cache_embed_nanousd), 0)
FROM traces WHERE cache_result IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;
