-- 0002_key_rotation (sqlite, up): a rotated key's previous secret keeps working until its grace ends.
ALTER TABLE api_keys ADD COLUMN previous_secret_hash TEXT;
ALTER TABLE api_keys ADD COLUMN previous_expires_at REAL;
-- Keys are listed per environment by creation time; names are unique among a key's live siblings
-- only by convention (checked in the store), so no unique index here.
CREATE INDEX api_keys_environment_created_idx ON api_keys (environment_id, created_at);
DROP INDEX api_keys_environment_idx;
