-- 0012_cache_end_user (postgres, down)
ALTER TABLE cache_entries DROP COLUMN end_user;
