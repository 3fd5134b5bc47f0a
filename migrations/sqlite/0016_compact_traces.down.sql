-- 0016_compact_traces (sqlite, down): the wide traces and trace_attempts tables again, from the views.
CREATE TABLE traces_wide (
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
    finished_at         REAL NOT NULL,
    cache_result        TEXT CHECK (cache_result IN ('hit_exact', 'hit_semantic', 'miss', 'bypass')),
    cache_similarity    REAL,
    saved_tokens_in     INTEGER,
    saved_tokens_out    INTEGER,
    saved_nanousd       INTEGER,
    cache_embed_nanousd INTEGER,
    guardrails          TEXT,
    end_user            TEXT,
    session_id          TEXT,
    tags                TEXT,
    metadata            TEXT
);
INSERT INTO traces_wide
SELECT id, organization_id, project_id, environment_id, api_key_id, endpoint, model_requested, provider, model_served,
       status, http_status, error_type, error_message, stream, attempts, fallback, cache_hit, latency_ms, ttft_ms,
       overhead_ms, tokens_in, tokens_out, tokens_cached, tokens_cache_write, tokens_reasoning, cost_nanousd, cost_status,
       started_at, finished_at, cache_result, cache_similarity, saved_tokens_in, saved_tokens_out, saved_nanousd,
       cache_embed_nanousd, guardrails, end_user, session_id, tags, metadata
FROM traces;

-- The attempts wait in a temporary table: their foreign key names `traces`, a view until the end.
CREATE TEMP TABLE attempts_copy AS
SELECT trace_id, attempt, provider, model, status, http_status, error_type, error_message, latency_ms, tokens_in,
       tokens_out, cost_nanousd, started_at
FROM trace_attempts;

DROP VIEW trace_attempts;
DROP VIEW traces;
DROP TABLE trace_attempt_rows;
DROP TABLE trace_rows;
DROP TABLE trace_names;
ALTER TABLE traces_wide RENAME TO traces;

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
INSERT INTO trace_attempts SELECT * FROM attempts_copy;
DROP TABLE attempts_copy;

CREATE INDEX traces_started_idx ON traces (started_at, id);
CREATE INDEX traces_model_idx ON traces (model_requested, started_at);
CREATE INDEX traces_provider_idx ON traces (provider, started_at);
CREATE INDEX traces_finished_idx ON traces (finished_at);
CREATE INDEX traces_org_idx ON traces (organization_id, started_at);
CREATE INDEX traces_user_idx ON traces (organization_id, end_user, started_at) WHERE end_user IS NOT NULL;
CREATE INDEX traces_session_idx ON traces (session_id, started_at) WHERE session_id IS NOT NULL;
