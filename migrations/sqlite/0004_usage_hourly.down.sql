-- 0004_usage_hourly (sqlite, down)
DROP TABLE usage_hourly;
