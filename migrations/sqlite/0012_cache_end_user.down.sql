-- 0012_cache_end_user (sqlite, down)
ALTER TABLE cache_entries DROP COLUMN end_user;
