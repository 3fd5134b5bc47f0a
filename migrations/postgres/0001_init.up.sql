-- 0001_init (postgres, up): tenancy, API keys and traces.
-- Timestamps are TIMESTAMPTZ; money is a BIGINT count of nano-dollars (1e-9 USD), so sums are
-- exact and identical to SQLite's.

CREATE TABLE organizations (
    id          TEXT PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    plan        TEXT NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'pro', 'business', 'enterprise')),
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE projects (
    id               TEXT PRIMARY KEY,
    organization_id  TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    slug             TEXT NOT NULL,
    name             TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (organization_id, slug)
);

CREATE TABLE environments (
    id          TEXT PRIMARY KEY,
    project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    slug        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (project_id, slug)
);

CREATE TABLE users (
    id          TEXT PRIMARY KEY,
    email       TEXT NOT NULL UNIQUE,
    name        TEXT,
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE memberships (
    organization_id  TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id          TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role             TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'developer', 'viewer')),
    created_at       TIMESTAMPTZ NOT NULL,
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
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ,
    revoked_at      TIMESTAMPTZ,
    last_used_at    TIMESTAMPTZ
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
    stream              BOOLEAN NOT NULL DEFAULT FALSE,
    attempts            INTEGER NOT NULL DEFAULT 1,
    fallback            BOOLEAN NOT NULL DEFAULT FALSE,
    cache_hit           BOOLEAN NOT NULL DEFAULT FALSE,
    latency_ms          DOUBLE PRECISION NOT NULL,
    ttft_ms             DOUBLE PRECISION,
    overhead_ms         DOUBLE PRECISION,
    tokens_in           BIGINT NOT NULL DEFAULT 0,
    tokens_out          BIGINT NOT NULL DEFAULT 0,
    tokens_cached       BIGINT NOT NULL DEFAULT 0,
    tokens_cache_write  BIGINT NOT NULL DEFAULT 0,
    tokens_reasoning    BIGINT NOT NULL DEFAULT 0,
    cost_nanousd        BIGINT,
    cost_status         TEXT,
    started_at          TIMESTAMPTZ NOT NULL,
    finished_at         TIMESTAMPTZ NOT NULL
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
    latency_ms     DOUBLE PRECISION NOT NULL,
    tokens_in      BIGINT NOT NULL DEFAULT 0,
    tokens_out     BIGINT NOT NULL DEFAULT 0,
    cost_nanousd   BIGINT,
    started_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (trace_id, attempt)
);
