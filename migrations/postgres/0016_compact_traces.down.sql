-- 0016_compact_traces (postgres, down): the wide traces and trace_attempts tables again (day
-- partitions, as migration 0011 left them), from the views.
CREATE TABLE traces_wide (
    id                  TEXT NOT NULL,
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
    finished_at         TIMESTAMPTZ NOT NULL,
    cache_result        TEXT CHECK (cache_result IN ('hit_exact', 'hit_semantic', 'miss', 'bypass')),
    cache_similarity    DOUBLE PRECISION,
    saved_tokens_in     BIGINT,
    saved_tokens_out    BIGINT,
    saved_nanousd       BIGINT,
    cache_embed_nanousd BIGINT,
    guardrails          TEXT,
    end_user            TEXT,
    session_id          TEXT,
    tags                TEXT,
    metadata            TEXT
) PARTITION BY RANGE (started_at);

CREATE TABLE trace_attempts_wide (
    trace_id       TEXT NOT NULL,
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
    started_at     TIMESTAMPTZ NOT NULL
) PARTITION BY RANGE (started_at);

DO $$
DECLARE
    part record;
    day date;
BEGIN
    FOR part IN
        SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = 'trace_rows' AND p.relnamespace = current_schema()::regnamespace AND c.relname ~ '^trace_rows_p[0-9]{8}$'
    LOOP
        day := to_date(substr(part.name, 13), 'YYYYMMDD');
        EXECUTE format('CREATE TABLE %I PARTITION OF traces_wide FOR VALUES FROM (%L) TO (%L)',
            'traces_p' || substr(part.name, 13), day::text || ' 00:00:00+00', (day + 1)::text || ' 00:00:00+00');
        EXECUTE format('CREATE TABLE %I PARTITION OF trace_attempts_wide FOR VALUES FROM (%L) TO (%L)',
            'trace_attempts_p' || substr(part.name, 13), day::text || ' 00:00:00+00', (day + 1)::text || ' 00:00:00+00');
    END LOOP;
END
$$;
CREATE TABLE traces_default PARTITION OF traces_wide DEFAULT;
CREATE TABLE trace_attempts_default PARTITION OF trace_attempts_wide DEFAULT;

INSERT INTO traces_wide
SELECT id, organization_id, project_id, environment_id, api_key_id, endpoint, model_requested, provider, model_served,
       status, http_status, error_type, error_message, stream, attempts, fallback, cache_hit, latency_ms, ttft_ms,
       overhead_ms, tokens_in, tokens_out, tokens_cached, tokens_cache_write, tokens_reasoning, cost_nanousd, cost_status,
       started_at, finished_at, cache_result, cache_similarity, saved_tokens_in, saved_tokens_out, saved_nanousd,
       cache_embed_nanousd, guardrails, end_user, session_id, tags, metadata
FROM traces;
INSERT INTO trace_attempts_wide
SELECT trace_id, attempt, provider, model, status, http_status, error_type, error_message, latency_ms, tokens_in,
       tokens_out, cost_nanousd, started_at
FROM trace_attempts;

DROP VIEW trace_attempts;
DROP VIEW traces;
DROP FUNCTION traces_insert();
DROP FUNCTION traces_delete();
DROP FUNCTION trace_attempts_insert();
DROP FUNCTION trace_attempts_delete();
DROP FUNCTION trace_key(text);
DROP TABLE trace_attempt_rows;
DROP TABLE trace_rows;
DROP SEQUENCE trace_rows_seq;
DROP TABLE trace_names;
ALTER TABLE traces_wide RENAME TO traces;
ALTER TABLE trace_attempts_wide RENAME TO trace_attempts;

ALTER TABLE traces ADD PRIMARY KEY (id, started_at);
CREATE INDEX traces_started_idx ON traces (started_at, id);
CREATE INDEX traces_finished_idx ON traces (finished_at);
CREATE INDEX traces_model_idx ON traces (model_requested, started_at);
CREATE INDEX traces_provider_idx ON traces (provider, started_at);
CREATE INDEX traces_org_idx ON traces (organization_id, started_at);
CREATE INDEX traces_user_idx ON traces (organization_id, end_user, started_at) WHERE end_user IS NOT NULL;
CREATE INDEX traces_session_idx ON traces (session_id, started_at) WHERE session_id IS NOT NULL;
ALTER TABLE trace_attempts ADD PRIMARY KEY (trace_id, attempt, started_at);
