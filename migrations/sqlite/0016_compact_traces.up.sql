-- 0016_compact_traces (sqlite, up): a trace in about a quarter of the bytes. Measured before: 716-780
-- bytes a trace (text UUIDs for the tenancy in the row and in every index, a second row for the one
-- attempt most requests make, six indexes). Now:
--   * trace_rows: the id as 16 bytes (TraceKey: a gateway id's 32 hex digits; any other id a zero
--     byte and its text), the rowid as the insertion order (`trace query --follow` reads new rows
--     by it, so no finished_at index), organization/project/environment/key ids, endpoint, models,
--     provider, error type and cost status as numbers into trace_names, status and cache result as
--     small numbers, durations as integer microseconds, finished_at as started_at plus the latency;
--   * the one attempt of a request whose attempt says nothing the trace does not (same provider,
--     model, status, error, tokens, cost) is two columns of its row (its latency, and its start
--     after the trace's); other attempts are rows of trace_attempt_rows;
--   * indexes a query plan uses: the id (unique), started_at, (organization, started_at), and the
--     partial end-user and session indexes. Model and provider filters are checked row by row
--     along one of those (their indexes cost 60 bytes a trace and served only those filters).
-- The views `traces` and `trace_attempts` give every reader the columns it read before, as text.
-- Names are never deleted: a few hundred rows however many traces there are; pruning and erasure
-- leave them (no personal data is interned: end users, sessions, tags and metadata stay in the row).
CREATE TABLE trace_names (
    ref   INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE
);

CREATE TABLE trace_rows (
    seq                  INTEGER PRIMARY KEY,
    id                   BLOB NOT NULL,
    org                  INTEGER NOT NULL,
    project              INTEGER NOT NULL,
    environment          INTEGER NOT NULL,
    api_key              INTEGER NOT NULL,
    endpoint             INTEGER NOT NULL,
    model_requested      INTEGER NOT NULL,
    provider             INTEGER,
    model_served         INTEGER,
    -- 0 ok, 1 error, 2 cancelled
    status               INTEGER NOT NULL CHECK (status IN (0, 1, 2)),
    http_status          INTEGER,
    error_type           INTEGER,
    error_message        TEXT,
    stream               BOOLEAN NOT NULL DEFAULT 0,
    attempts             INTEGER NOT NULL DEFAULT 1,
    fallback             BOOLEAN NOT NULL DEFAULT 0,
    cache_hit            BOOLEAN NOT NULL DEFAULT 0,
    latency_us           INTEGER NOT NULL,
    ttft_us              INTEGER,
    overhead_us          INTEGER,
    tokens_in            INTEGER NOT NULL DEFAULT 0,
    tokens_out           INTEGER NOT NULL DEFAULT 0,
    tokens_cached        INTEGER NOT NULL DEFAULT 0,
    tokens_cache_write   INTEGER NOT NULL DEFAULT 0,
    tokens_reasoning     INTEGER NOT NULL DEFAULT 0,
    cost_nanousd         INTEGER,
    cost_status          INTEGER,
    started_at           REAL NOT NULL,
    -- 0 hit_exact, 1 hit_semantic, 2 miss, 3 bypass
    cache_result         INTEGER CHECK (cache_result IN (0, 1, 2, 3)),
    cache_similarity     REAL,
    saved_tokens_in      INTEGER,
    saved_tokens_out     INTEGER,
    saved_nanousd        INTEGER,
    cache_embed_nanousd  INTEGER,
    guardrails           TEXT,
    end_user             TEXT,
    session_id           TEXT,
    tags                 TEXT,
    metadata             TEXT,
    attempt_latency_us   INTEGER,
    attempt_offset_us    INTEGER
);

-- Before any row: the attempts' foreign key needs a unique index on what it references.
CREATE UNIQUE INDEX trace_rows_id_idx ON trace_rows (id);

CREATE TABLE trace_attempt_rows (
    trace_id       BLOB NOT NULL REFERENCES trace_rows (id) ON DELETE CASCADE,
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
) WITHOUT ROWID;

INSERT INTO trace_names (name)
    SELECT organization_id FROM traces UNION SELECT project_id FROM traces UNION SELECT environment_id FROM traces
    UNION SELECT api_key_id FROM traces UNION SELECT endpoint FROM traces UNION SELECT model_requested FROM traces
    UNION SELECT provider FROM traces WHERE provider IS NOT NULL
    UNION SELECT model_served FROM traces WHERE model_served IS NOT NULL
    UNION SELECT error_type FROM traces WHERE error_type IS NOT NULL
    UNION SELECT cost_status FROM traces WHERE cost_status IS NOT NULL;

-- A trace's attempt goes inline when it is its only one and says nothing the trace does not.
CREATE TEMP TABLE inline_attempts AS
    SELECT a.trace_id, a.latency_ms, a.started_at FROM trace_attempts a JOIN traces t ON t.id = a.trace_id
    WHERE a.attempt = 1 AND t.attempts = 1 AND NOT EXISTS (SELECT 1 FROM trace_attempts b WHERE b.trace_id = a.trace_id AND b.attempt > 1)
      AND a.provider IS t.provider AND a.model IS t.model_served AND a.status = t.status AND a.http_status IS t.http_status
      AND a.error_type IS t.error_type AND a.error_message IS t.error_message AND a.tokens_in = t.tokens_in
      AND a.tokens_out = t.tokens_out AND a.cost_nanousd IS t.cost_nanousd;
CREATE UNIQUE INDEX temp.inline_attempts_idx ON inline_attempts (trace_id);

INSERT INTO trace_rows (
    id, org, project, environment, api_key, endpoint, model_requested, provider, model_served, status, http_status,
    error_type, error_message, stream, attempts, fallback, cache_hit, latency_us, ttft_us, overhead_us, tokens_in,
    tokens_out, tokens_cached, tokens_cache_write, tokens_reasoning, cost_nanousd, cost_status, started_at, cache_result,
    cache_similarity, saved_tokens_in, saved_tokens_out, saved_nanousd, cache_embed_nanousd, guardrails, end_user,
    session_id, tags, metadata, attempt_latency_us, attempt_offset_us)
SELECT
    CASE WHEN t.id GLOB 'req_[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'
              AND substr(t.id, 5, 2) <> '00'
         THEN unhex(substr(t.id, 5)) ELSE unhex('00' || hex(t.id)) END,
    (SELECT ref FROM trace_names WHERE name = t.organization_id),
    (SELECT ref FROM trace_names WHERE name = t.project_id),
    (SELECT ref FROM trace_names WHERE name = t.environment_id),
    (SELECT ref FROM trace_names WHERE name = t.api_key_id),
    (SELECT ref FROM trace_names WHERE name = t.endpoint),
    (SELECT ref FROM trace_names WHERE name = t.model_requested),
    (SELECT ref FROM trace_names WHERE name = t.provider),
    (SELECT ref FROM trace_names WHERE name = t.model_served),
    CASE t.status WHEN 'ok' THEN 0 WHEN 'error' THEN 1 ELSE 2 END,
    t.http_status,
    (SELECT ref FROM trace_names WHERE name = t.error_type),
    t.error_message, t.stream, t.attempts, t.fallback, t.cache_hit,
    CAST(round(t.latency_ms * 1000) AS INTEGER), CAST(round(t.ttft_ms * 1000) AS INTEGER),
    CAST(round(t.overhead_ms * 1000) AS INTEGER),
    t.tokens_in, t.tokens_out, t.tokens_cached, t.tokens_cache_write, t.tokens_reasoning, t.cost_nanousd,
    (SELECT ref FROM trace_names WHERE name = t.cost_status),
    t.started_at,
    CASE t.cache_result WHEN 'hit_exact' THEN 0 WHEN 'hit_semantic' THEN 1 WHEN 'miss' THEN 2 WHEN 'bypass' THEN 3 END,
    t.cache_similarity, t.saved_tokens_in, t.saved_tokens_out, t.saved_nanousd, t.cache_embed_nanousd, t.guardrails,
    t.end_user, t.session_id, t.tags, t.metadata,
    CAST(round(i.latency_ms * 1000) AS INTEGER), CAST(round((i.started_at - t.started_at) * 1000000) AS INTEGER)
FROM traces t LEFT JOIN inline_attempts i ON i.trace_id = t.id
ORDER BY t.started_at, t.id;


INSERT INTO trace_attempt_rows
SELECT r.id, a.attempt, a.provider, a.model, a.status, a.http_status, a.error_type, a.error_message, a.latency_ms,
       a.tokens_in, a.tokens_out, a.cost_nanousd, a.started_at
FROM trace_attempts a JOIN trace_rows r ON r.id = (
    CASE WHEN a.trace_id GLOB 'req_[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'
              AND substr(a.trace_id, 5, 2) <> '00'
         THEN unhex(substr(a.trace_id, 5)) ELSE unhex('00' || hex(a.trace_id)) END)
WHERE a.trace_id NOT IN (SELECT trace_id FROM inline_attempts);

DROP TABLE inline_attempts;
DROP TABLE trace_attempts;
DROP TABLE traces;

CREATE INDEX trace_rows_started_idx ON trace_rows (started_at);
CREATE INDEX trace_rows_org_idx ON trace_rows (org, started_at);
CREATE INDEX trace_rows_user_idx ON trace_rows (org, end_user, started_at) WHERE end_user IS NOT NULL;
CREATE INDEX trace_rows_session_idx ON trace_rows (session_id, started_at) WHERE session_id IS NOT NULL;

-- Every column the wide table had, by its old name, as text again; plus `seq` (the insertion
-- order), `id_key` (the stored key, for lookups by id) and `org_ref` (for filters by organization
-- through trace_rows_org_idx), and the inline attempt's latency and start.
CREATE VIEW traces AS
SELECT
    r.seq, r.id AS id_key, r.org AS org_ref,
    CASE WHEN length(r.id) = 16 AND substr(r.id, 1, 1) <> x'00' THEN 'req_' || lower(hex(r.id))
         ELSE CAST(substr(r.id, 2) AS TEXT) END AS id,
    o.name AS organization_id, p.name AS project_id, e.name AS environment_id, k.name AS api_key_id,
    ep.name AS endpoint, mr.name AS model_requested, pv.name AS provider, ms.name AS model_served,
    CASE r.status WHEN 0 THEN 'ok' WHEN 1 THEN 'error' ELSE 'cancelled' END AS status,
    r.http_status, et.name AS error_type, r.error_message, r.stream, r.attempts, r.fallback, r.cache_hit,
    r.latency_us / 1000.0 AS latency_ms, r.ttft_us / 1000.0 AS ttft_ms, r.overhead_us / 1000.0 AS overhead_ms,
    r.tokens_in, r.tokens_out, r.tokens_cached, r.tokens_cache_write, r.tokens_reasoning, r.cost_nanousd,
    cs.name AS cost_status, r.started_at, r.started_at + r.latency_us / 1000000.0 AS finished_at,
    CASE r.cache_result WHEN 0 THEN 'hit_exact' WHEN 1 THEN 'hit_semantic' WHEN 2 THEN 'miss' WHEN 3 THEN 'bypass' END
        AS cache_result,
    r.cache_similarity, r.saved_tokens_in, r.saved_tokens_out, r.saved_nanousd, r.cache_embed_nanousd, r.guardrails,
    r.end_user, r.session_id, r.tags, r.metadata,
    r.attempt_latency_us / 1000.0 AS attempt_latency_ms, r.started_at + r.attempt_offset_us / 1000000.0 AS attempt_started_at
FROM trace_rows r
LEFT JOIN trace_names o ON o.ref = r.org
LEFT JOIN trace_names p ON p.ref = r.project
LEFT JOIN trace_names e ON e.ref = r.environment
LEFT JOIN trace_names k ON k.ref = r.api_key
LEFT JOIN trace_names ep ON ep.ref = r.endpoint
LEFT JOIN trace_names mr ON mr.ref = r.model_requested
LEFT JOIN trace_names pv ON pv.ref = r.provider
LEFT JOIN trace_names ms ON ms.ref = r.model_served
LEFT JOIN trace_names et ON et.ref = r.error_type
LEFT JOIN trace_names cs ON cs.ref = r.cost_status;

-- Every attempt: the stored ones, and the inline one of each trace that has it.
CREATE VIEW trace_attempts AS
SELECT
    CASE WHEN length(a.trace_id) = 16 AND substr(a.trace_id, 1, 1) <> x'00' THEN 'req_' || lower(hex(a.trace_id))
         ELSE CAST(substr(a.trace_id, 2) AS TEXT) END AS trace_id,
    a.trace_id AS trace_key, a.attempt, a.provider, a.model, a.status, a.http_status, a.error_type, a.error_message,
    a.latency_ms, a.tokens_in, a.tokens_out, a.cost_nanousd, a.started_at
FROM trace_attempt_rows a
UNION ALL
SELECT t.id, t.id_key, 1, t.provider, t.model_served, t.status, t.http_status, t.error_type, t.error_message,
       t.attempt_latency_ms, t.tokens_in, t.tokens_out, t.cost_nanousd, t.attempt_started_at
FROM traces t WHERE t.attempt_latency_ms IS NOT NULL;

-- The views take INSERT and DELETE as the tables did (ad-hoc SQL, tests): a row inserted into
-- `traces` has its names numbered and lands in trace_rows (finished_at is its start plus its
-- latency); an attempt lands in trace_attempt_rows; deleting a trace deletes its row and attempts.
CREATE TRIGGER traces_insert INSTEAD OF INSERT ON traces
BEGIN
    INSERT INTO trace_names (name)
        SELECT v FROM (
            SELECT NEW.organization_id AS v UNION ALL SELECT NEW.project_id UNION ALL SELECT NEW.environment_id
            UNION ALL SELECT NEW.api_key_id UNION ALL SELECT NEW.endpoint UNION ALL SELECT NEW.model_requested
            UNION ALL SELECT NEW.provider UNION ALL SELECT NEW.model_served UNION ALL SELECT NEW.error_type
            UNION ALL SELECT NEW.cost_status)
        WHERE v IS NOT NULL
        ON CONFLICT (name) DO NOTHING;
    INSERT INTO trace_rows (
        id, org, project, environment, api_key, endpoint, model_requested, provider, model_served, status, http_status,
        error_type, error_message, stream, attempts, fallback, cache_hit, latency_us, ttft_us, overhead_us, tokens_in,
        tokens_out, tokens_cached, tokens_cache_write, tokens_reasoning, cost_nanousd, cost_status, started_at, cache_result,
        cache_similarity, saved_tokens_in, saved_tokens_out, saved_nanousd, cache_embed_nanousd, guardrails, end_user,
        session_id, tags, metadata)
    VALUES (
        CASE WHEN NEW.id GLOB 'req_[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]' AND substr(NEW.id, 5, 2) <> '00' THEN unhex(substr(NEW.id, 5)) ELSE unhex('00' || hex(NEW.id)) END,
        (SELECT ref FROM trace_names WHERE name = NEW.organization_id),
        (SELECT ref FROM trace_names WHERE name = NEW.project_id),
        (SELECT ref FROM trace_names WHERE name = NEW.environment_id),
        (SELECT ref FROM trace_names WHERE name = NEW.api_key_id),
        (SELECT ref FROM trace_names WHERE name = NEW.endpoint),
        (SELECT ref FROM trace_names WHERE name = NEW.model_requested),
        (SELECT ref FROM trace_names WHERE name = NEW.provider),
        (SELECT ref FROM trace_names WHERE name = NEW.model_served),
        CASE NEW.status WHEN 'ok' THEN 0 WHEN 'error' THEN 1 WHEN 'cancelled' THEN 2 END,
        NEW.http_status,
        (SELECT ref FROM trace_names WHERE name = NEW.error_type),
        NEW.error_message, coalesce(NEW.stream, 0), coalesce(NEW.attempts, 1), coalesce(NEW.fallback, 0),
        coalesce(NEW.cache_hit, 0), CAST(round(NEW.latency_ms * 1000) AS INTEGER), CAST(round(NEW.ttft_ms * 1000) AS INTEGER),
        CAST(round(NEW.overhead_ms * 1000) AS INTEGER), coalesce(NEW.tokens_in, 0), coalesce(NEW.tokens_out, 0),
        coalesce(NEW.tokens_cached, 0), coalesce(NEW.tokens_cache_write, 0), coalesce(NEW.tokens_reasoning, 0),
        NEW.cost_nanousd, (SELECT ref FROM trace_names WHERE name = NEW.cost_status), NEW.started_at,
        CASE NEW.cache_result WHEN 'hit_exact' THEN 0 WHEN 'hit_semantic' THEN 1 WHEN 'miss' THEN 2 WHEN 'bypass' THEN 3 END,
        NEW.cache_similarity, NEW.saved_tokens_in, NEW.saved_tokens_out, NEW.saved_nanousd, NEW.cache_embed_nanousd,
        NEW.guardrails, NEW.end_user, NEW.session_id, NEW.tags, NEW.metadata);
END;

CREATE TRIGGER traces_delete INSTEAD OF DELETE ON traces
BEGIN
    DELETE FROM trace_rows WHERE id = OLD.id_key;
END;

CREATE TRIGGER trace_attempts_insert INSTEAD OF INSERT ON trace_attempts
BEGIN
    INSERT INTO trace_attempt_rows (
        trace_id, attempt, provider, model, status, http_status, error_type, error_message, latency_ms, tokens_in,
        tokens_out, cost_nanousd, started_at)
    VALUES (
        CASE WHEN NEW.trace_id GLOB 'req_[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]' AND substr(NEW.trace_id, 5, 2) <> '00' THEN unhex(substr(NEW.trace_id, 5)) ELSE unhex('00' || hex(NEW.trace_id)) END, NEW.attempt, NEW.provider, NEW.model, NEW.status, NEW.http_status, NEW.error_type,
        NEW.error_message, NEW.latency_ms, coalesce(NEW.tokens_in, 0), coalesce(NEW.tokens_out, 0), NEW.cost_nanousd,
        NEW.started_at);
END;

CREATE TRIGGER trace_attempts_delete INSTEAD OF DELETE ON trace_attempts
BEGIN
    DELETE FROM trace_attempt_rows WHERE trace_id = OLD.trace_key AND attempt = OLD.attempt;
    UPDATE trace_rows SET attempt_latency_us = NULL, attempt_offset_us = NULL WHERE id = OLD.trace_key AND OLD.attempt = 1;
END;
