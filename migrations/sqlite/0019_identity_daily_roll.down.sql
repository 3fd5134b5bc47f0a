-- 0019_identity_daily_roll (sqlite, down): the hours past the mark are rolled into the days, which
-- hold every trace again as the writer before this migration keeps them.
INSERT INTO usage_identity_daily (kind, day_start, org, project, environment, value, requests, errors, tokens_in, tokens_out, tokens_cached, cost_nanousd, unpriced_requests)
SELECT kind, CAST(hour_start / 86400 AS INTEGER) * 86400.0, org, project, environment, value, sum(requests), sum(errors),
       sum(tokens_in), sum(tokens_out), sum(tokens_cached), sum(cost_nanousd), sum(unpriced_requests)
FROM usage_identity_hourly WHERE hour_start >= (SELECT hour_start FROM identity_daily_rolled WHERE id = 1)
GROUP BY 1, 2, 3, 4, 5, 6
ON CONFLICT (kind, day_start, org, project, environment, value) DO UPDATE SET
    requests = usage_identity_daily.requests + excluded.requests,
    errors = usage_identity_daily.errors + excluded.errors,
    tokens_in = usage_identity_daily.tokens_in + excluded.tokens_in,
    tokens_out = usage_identity_daily.tokens_out + excluded.tokens_out,
    tokens_cached = usage_identity_daily.tokens_cached + excluded.tokens_cached,
    cost_nanousd = CASE WHEN excluded.cost_nanousd IS NULL THEN usage_identity_daily.cost_nanousd
                        ELSE COALESCE(usage_identity_daily.cost_nanousd, 0) + excluded.cost_nanousd END,
    unpriced_requests = usage_identity_daily.unpriced_requests + excluded.unpriced_requests;

DROP TABLE identity_daily_rolled;
