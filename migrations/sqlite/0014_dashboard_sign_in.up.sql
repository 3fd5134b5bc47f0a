-- 0014_dashboard_sign_in (sqlite, up): signing in to the dashboard (`/ui`). Members sign in with a
-- password (`brokle users passwd`, a bcrypt hash) or a one-time link (`brokle ui link`); a session is
-- a random id in an HttpOnly cookie, stored here only as its SHA-256, so this table leaks no
-- usable session. Sessions and links go with their user.
ALTER TABLE users ADD COLUMN password_hash TEXT;
ALTER TABLE users ADD COLUMN password_set_at REAL;

CREATE TABLE ui_sessions (
    id_hash       TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token    TEXT NOT NULL,
    origin        TEXT,
    created_at    REAL NOT NULL,
    expires_at    REAL NOT NULL,
    revoked_at    REAL
);
CREATE INDEX ui_sessions_user_idx ON ui_sessions (user_id);
CREATE INDEX ui_sessions_expiry_idx ON ui_sessions (expires_at);

CREATE TABLE ui_sign_in_links (
    token_hash  TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  REAL NOT NULL,
    expires_at  REAL NOT NULL,
    used_at     REAL
);
CREATE INDEX ui_sign_in_links_expiry_idx ON ui_sign_in_links (expires_at);
