-- 0019_identity_daily_roll (postgres, up): nothing to do. SQLite rolls usage_identity_daily from the
-- hours once they are over (one writer at a time makes its mark safe); PostgreSQL's trace writers run
-- side by side and keep upserting the daily rows with every batch, so its versions stay in step.
SELECT 1;
