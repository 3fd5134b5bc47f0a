-- 0014_dashboard_sign_in (postgres, down)
DROP TABLE ui_sign_in_links;
DROP TABLE ui_sessions;
ALTER TABLE users DROP COLUMN password_set_at;
ALTER TABLE users DROP COLUMN password_hash;
