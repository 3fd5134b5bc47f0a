-- 0019_identity_daily_roll (postgres, down): nothing to undo (see the up migration).
SELECT 1;
