-- 0004_usage_hourly (postgres, down)
DROP TABLE usage_hourly;
