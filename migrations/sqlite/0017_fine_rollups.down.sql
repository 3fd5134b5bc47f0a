-- 0017_fine_rollups (sqlite, down): reports read the partial hours and identities from the traces again.
DROP TABLE usage_identity_hourly;
DROP TABLE usage_minutely;
