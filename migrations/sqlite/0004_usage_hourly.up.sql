-- 0004_usage_hourly (sqlite, up): per-hour totals kept beside the traces, so cost reports read
-- thousands of rows instead of millions. The trace writer adds to it in the same transaction as
-- the traces; reports add the partial hours at the edges of a range from the traces themselves.
CREATE TABLE usage_hourly (
    hour_start         REAL NOT NULL,
    organization_id    TEXT NOT NULL,
    project_id         TEXT NOT NULL,
    environment_id     TEXT NOT NULL,
    api_key_id         TEXT NOT NULL,
    model_requested    TEXT NOT NULL,
    provider           TEXT NOT NULL,
    requests           INTEGER NOT NULL,
    errors             INTEGER NOT NULL,
    tokens_in          INTEGER NOT NULL,
    tokens_out         INTEGER NOT NULL,
    tokens_cached      INTEGER NOT NULL,
    cost_nanousd       INTEGER,
    unpriced_requests  INTEGER NOT NULL,
    PRIMARY KEY (hour_start, organization_id, project_id, environment_id, api_key_id, model_requested, provider)
);

INSERT INTO usage_hourly
SELECT CAST(started_at / 3600 AS INTEGER) * 3600.0, organization_id, project_id, environment_id, api_key_id,
       model_requested, COALESCE(provider, ''), count(*), sum(CASE WHEN status = 'error' THEN 1 ELSE 0 END),
       sum(tokens_in), sum(tokens_out), sum(tokens_cached), sum(cost_nanousd),
       sum(CASE WHEN cost_status = 'unpriced' THEN 1 ELSE 0 END)
FROM traces WHERE 1 = 1
GROUP BY 1, 2, 3, 4, 5, 6, 7;
