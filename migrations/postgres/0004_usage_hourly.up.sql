-- 0004_usage_hourly (postgres, up): per-hour totals kept beside the traces, so cost reports read
-- thousands of rows instead of millions. The trace writer adds to it in the same transaction as
-- the traces; reports add the partial hours at the edges of a range from the traces themselves.
CREATE TABLE usage_hourly (
    hour_start         TIMESTAMPTZ NOT NULL,
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
    PRIMARY KEY (hour_start, organization_id, project_id, environment_id, api_key_id, model_requested, provider)
);

INSERT INTO usage_hourly
SELECT date_trunc('hour', started_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', organization_id, project_id, environment_id,
       api_key_id, model_requested, COALESCE(provider, ''), count(*), sum(CASE WHEN status = 'error' THEN 1 ELSE 0 END),
       sum(tokens_in), sum(tokens_out), sum(tokens_cached), sum(cost_nanousd),
       sum(CASE WHEN cost_status = 'unpriced' THEN 1 ELSE 0 END)
FROM traces
GROUP BY 1, 2, 3, 4, 5, 6, 7;
