-- 0017_fine_rollups (postgres, down): reports and cache statistics read the traces again.
DROP TABLE cache_minutely;
DROP TABLE cache_hourly;
DROP TABLE usage_identity_daily;
DROP TABLE usage_identity_hourly;
DROP TABLE usage_minutely;
