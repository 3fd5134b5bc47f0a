-- 0002_key_rotation (postgres, down)
CREATE INDEX api_keys_environment_idx ON api_keys (environment_id);
DROP INDEX api_keys_environment_created_idx;
ALTER TABLE api_keys DROP COLUMN previous_expires_at;
ALTER TABLE api_keys DROP COLUMN previous_secret_hash;
