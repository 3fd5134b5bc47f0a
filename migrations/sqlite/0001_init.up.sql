-- 0001_init (sqlite, up): tenancy, API keys and traces.
-- Timestamps are REAL seconds since 1970 (what SQLite's drivers bind a Date as); money is an
-- INTEGER count of nano-dollars (1e-9 USD), so sums are exact.

CREATE TABLE organizations (
    id          TEXT PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    plan        TEXT NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'pro', 'business', 'enterprise')),
    created_at  REAL NOT NULL,
    updated_at  REAL NOT NULL
);

CREATE TABLE projects (
    id               TEXT PRIMARY KEY,
    organization_id  TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    slug             TEXT NOT NULL,
    name             TEXT NOT NULL,
    created_at       REAL NOT NULL,
    updated_at       REAL NOT NULL,
    UNIQUE (organization_id, slug)
);

CREATE TABLE environments (
    id          TEXT PRIMARY KEY,
    project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    slug        TEXT NOT NULL,
    created_at  REAL NOT NULL,
    UNIQUE (project_id, slug)
);

CREATE TABLE users (
    id          TEXT PRIMARY KEY,
    email       TEXT NOT NULL UNIQUE,
    name        TEXT,
    created_at  REAL NOT NULL
);

CREATE TABLE memberships (
    organization_id  TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id          TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role             TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'developer', 'viewer')),
    created_at       REAL NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

-- A key belongs to one environment; its secret is stored only as a SHA-256 hex digest.
CREATE TABLE api_keys (
    id              TEXT PRIMARY KEY,
    public_id       TEXT NOT NULL UNIQUE,
    secret_hash     TEXT NOT NULL,
    environment_id  TEXT NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    name            TEXT,
    allowed_models  TEXT,
    created_at      REAL NOT NULL,
    expires_at      REAL,
    revoked_at      REAL,
    last_used_at    REAL
);
CREATE INDEX api_keys_environment_idx ON api_keys (environment_id);

-- One row per gateway request. Tenancy columns are plain ids, not foreign keys: traces are an
-- append-only record that must outlive (and never block) changes to orgs, projects and keys.
CREATE TABLE traces (
    id                  TEXT PRIMARY KEY,
    organization_id     TEXT NOT NULL,
    project_id          TEXT NOT NULL,
    environment_id      TEXT NOT NULL,
    api_key_id          TEXT NOT NULL,
    endpoint            TEXT NOT NULL,
    model_requested     TEXT NOT NULL,
    provider            TEXT,
    model_served        TEXT,
    status              TEXT NOT NULL CHECK (status IN ('ok', 'error', 'cancelled')),
    http_status         INTEGER,
    error_type          TEXT,
    error_message       TEXT,
    stream              BOOLEAN NOT NULL DEFAULT 0,
    attempts            INTEGER NOT NULL DEFAULT 1,
    fallback            BOOLEAN NOT NULL DEFAULT 0,
    cache_hit           BOOLEAN NOT NULL DEFAULT 0,
    latency_ms          REAL NOT NULL,
    ttft_ms             REAL,
    overhead_ms         REAL,
    tokens_in           INTEGER NOT NULL DEFAULT 0,
    tokens_out          INTEGER NOT NULL DEFAULT 0,
    tokens_cached       INTEGER NOT NULL DEFAULT 0,
    tokens_cache_write  INTEGER NOT NULL DEFAULT 0,
    tokens_reasoning    INTEGER NOT NULL DEFAULT 0,
    cost_nanousd        INTEGER,
    cost_status         TEXT,
    started_at          REAL NOT NULL,
    finished_at         REAL NOT NULL
);
CREATE INDEX traces_started_idx ON traces (started_at, id);
CREATE INDEX traces_tenant_idx ON traces (organization_id, project_id, environment_id, started_at);
CREATE INDEX traces_model_idx ON traces (model_requested, started_at);
CREATE INDEX traces_provider_idx ON traces (provider, started_at);
CREATE INDEX traces_key_idx ON traces (api_key_id, started_at);

-- Every upstream attempt of a request (retries and fallbacks), in order.
CREATE TABLE trace_attempts (
    trace_id       TEXT NOT NULL REFERENCES traces (id) ON DELETE CASCADE,
    attempt        INTEGER NOT NULL CHECK (attempt >= 1),
    provider       TEXT NOT NULL,
    model          TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('ok', 'error', 'cancelled')),
    http_status    INTEGER,
    error_type     TEXT,
    error_message  TEXT,
    latency_ms     REAL NOT NULL,
    tokens_in      INTEGER NOT NULL DEFAULT 0,
    tokens_out     INTEGER NOT NULL DEFAULT 0,
    cost_nanousd   INTEGER,
    started_at     REAL NOT NULL,
    PRIMARY KEY (trace_id, attempt)
);
