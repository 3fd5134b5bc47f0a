-- 0016_compact_traces (postgres, up): a trace in far fewer bytes (the SQLite migration of the same
-- number says why and how): trace_rows with the id as bytea (TraceKey), names as int4 numbers into
-- trace_names, status and cache result as int2, durations as integer microseconds, tokens as int4,
-- finished_at derived, the one plain attempt inline, columns ordered widest first so no byte is
-- padding. Still partitioned by day on started_at (migration 0011): trace_rows_pYYYYMMDD and
-- trace_attempt_rows_pYYYYMMDD, a DEFAULT partition each. `seq` (the insertion order, read by
-- `trace query --follow`) is indexed with BRIN: rows arrive in its order, so a few bytes per 128
-- pages find the newest. The views `traces` and `trace_attempts` give readers the old columns.
CREATE TABLE trace_names (
    ref   SERIAL PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE
);

CREATE SEQUENCE trace_rows_seq;

CREATE TABLE trace_rows (
    started_at           TIMESTAMPTZ NOT NULL,
    seq                  BIGINT NOT NULL DEFAULT nextval('trace_rows_seq'),
    latency_us           BIGINT NOT NULL,
    cost_nanousd         BIGINT,
    ttft_us              BIGINT,
    attempt_latency_us   BIGINT,
    saved_nanousd        BIGINT,
    cache_embed_nanousd  BIGINT,
    cache_similarity     DOUBLE PRECISION,
    org                  INTEGER NOT NULL,
    project              INTEGER NOT NULL,
    environment          INTEGER NOT NULL,
    api_key              INTEGER NOT NULL,
    endpoint             INTEGER NOT NULL,
    model_requested      INTEGER NOT NULL,
    provider             INTEGER,
    model_served         INTEGER,
    error_type           INTEGER,
    cost_status          INTEGER,
    tokens_in            INTEGER NOT NULL DEFAULT 0,
    tokens_out           INTEGER NOT NULL DEFAULT 0,
    tokens_cached        INTEGER NOT NULL DEFAULT 0,
    tokens_cache_write   INTEGER NOT NULL DEFAULT 0,
    tokens_reasoning     INTEGER NOT NULL DEFAULT 0,
    overhead_us          INTEGER,
    attempt_offset_us    INTEGER,
    saved_tokens_in      INTEGER,
    saved_tokens_out     INTEGER,
    -- 0 ok, 1 error, 2 cancelled
    status               SMALLINT NOT NULL CHECK (status IN (0, 1, 2)),
    http_status          SMALLINT,
    attempts             SMALLINT NOT NULL DEFAULT 1,
    -- 0 hit_exact, 1 hit_semantic, 2 miss, 3 bypass
    cache_result         SMALLINT CHECK (cache_result IN (0, 1, 2, 3)),
    stream               BOOLEAN NOT NULL DEFAULT FALSE,
    fallback             BOOLEAN NOT NULL DEFAULT FALSE,
    cache_hit            BOOLEAN NOT NULL DEFAULT FALSE,
    id                   BYTEA NOT NULL,
    error_message        TEXT,
    guardrails           TEXT,
    end_user             TEXT,
    session_id           TEXT,
    tags                 TEXT,
    metadata             TEXT
) PARTITION BY RANGE (started_at);

CREATE TABLE trace_attempt_rows (
    started_at     TIMESTAMPTZ NOT NULL,
    latency_ms     DOUBLE PRECISION NOT NULL,
    tokens_in      BIGINT NOT NULL DEFAULT 0,
    tokens_out     BIGINT NOT NULL DEFAULT 0,
    cost_nanousd   BIGINT,
    attempt        INTEGER NOT NULL CHECK (attempt >= 1),
    http_status    INTEGER,
    trace_id       BYTEA NOT NULL,
    provider       TEXT NOT NULL,
    model          TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('ok', 'error', 'cancelled')),
    error_type     TEXT,
    error_message  TEXT
) PARTITION BY RANGE (started_at);

-- The day partitions traces has now, under the new tables' names.
DO $$
DECLARE
    part record;
BEGIN
    FOR part IN
        SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = 'traces' AND p.relnamespace = current_schema()::regnamespace AND c.relname ~ '^traces_p[0-9]{8}$'
    LOOP
        EXECUTE format(
            'CREATE TABLE %I PARTITION OF trace_rows FOR VALUES FROM (%L) TO (%L)',
            'trace_rows_p' || substr(part.name, 9), to_date(substr(part.name, 9), 'YYYYMMDD')::text || ' 00:00:00+00',
            (to_date(substr(part.name, 9), 'YYYYMMDD') + 1)::text || ' 00:00:00+00');
        EXECUTE format(
            'CREATE TABLE %I PARTITION OF trace_attempt_rows FOR VALUES FROM (%L) TO (%L)',
            'trace_attempt_rows_p' || substr(part.name, 9), to_date(substr(part.name, 9), 'YYYYMMDD')::text || ' 00:00:00+00',
            (to_date(substr(part.name, 9), 'YYYYMMDD') + 1)::text || ' 00:00:00+00');
    END LOOP;
END
$$;
CREATE TABLE trace_rows_default PARTITION OF trace_rows DEFAULT;
CREATE TABLE trace_attempt_rows_default PARTITION OF trace_attempt_rows DEFAULT;

INSERT INTO trace_names (name)
    SELECT organization_id FROM traces UNION SELECT project_id FROM traces UNION SELECT environment_id FROM traces
    UNION SELECT api_key_id FROM traces UNION SELECT endpoint FROM traces UNION SELECT model_requested FROM traces
    UNION SELECT provider FROM traces WHERE provider IS NOT NULL
    UNION SELECT model_served FROM traces WHERE model_served IS NOT NULL
    UNION SELECT error_type FROM traces WHERE error_type IS NOT NULL
    UNION SELECT cost_status FROM traces WHERE cost_status IS NOT NULL;

-- A trace id as trace_rows keeps it (TraceKey in Swift): a gateway id's 16 bytes, else a zero byte and the text.
CREATE FUNCTION trace_key(id text) RETURNS bytea LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE WHEN id ~ '^req_[0-9a-f]{32}$' AND substr(id, 5, 2) <> '00' THEN decode(substr(id, 5), 'hex')
                ELSE '\x00'::bytea || convert_to(id, 'UTF8') END
$$;

-- A trace's attempt goes inline when it is its only one and says nothing the trace does not.
CREATE TEMP TABLE inline_attempts AS
    SELECT a.trace_id, a.latency_ms, a.started_at FROM trace_attempts a JOIN traces t ON t.id = a.trace_id
    WHERE a.attempt = 1 AND t.attempts = 1 AND NOT EXISTS (SELECT 1 FROM trace_attempts b WHERE b.trace_id = a.trace_id AND b.attempt > 1)
      AND a.provider IS NOT DISTINCT FROM t.provider AND a.model IS NOT DISTINCT FROM t.model_served AND a.status = t.status
      AND a.http_status IS NOT DISTINCT FROM t.http_status AND a.error_type IS NOT DISTINCT FROM t.error_type
      AND a.error_message IS NOT DISTINCT FROM t.error_message AND a.tokens_in = t.tokens_in AND a.tokens_out = t.tokens_out
      AND a.cost_nanousd IS NOT DISTINCT FROM t.cost_nanousd;
CREATE UNIQUE INDEX ON inline_attempts (trace_id);

INSERT INTO trace_rows (
    started_at, latency_us, cost_nanousd, ttft_us, attempt_latency_us, saved_nanousd, cache_embed_nanousd, cache_similarity,
    org, project, environment, api_key, endpoint, model_requested, provider, model_served, error_type, cost_status, tokens_in,
    tokens_out, tokens_cached, tokens_cache_write, tokens_reasoning, overhead_us, attempt_offset_us, saved_tokens_in,
    saved_tokens_out, status, http_status, attempts, cache_result, stream, fallback, cache_hit, id, error_message, guardrails,
    end_user, session_id, tags, metadata)
SELECT
    t.started_at, round(t.latency_ms * 1000)::bigint, t.cost_nanousd, round(t.ttft_ms * 1000)::bigint,
    round(i.latency_ms * 1000)::bigint, t.saved_nanousd, t.cache_embed_nanousd, t.cache_similarity,
    o.ref, p.ref, e.ref, k.ref, ep.ref, mr.ref, pv.ref, ms.ref, et.ref, cs.ref, t.tokens_in, t.tokens_out, t.tokens_cached,
    t.tokens_cache_write, t.tokens_reasoning, round(t.overhead_ms * 1000)::integer,
    (extract(epoch FROM i.started_at - t.started_at) * 1000000)::integer, t.saved_tokens_in, t.saved_tokens_out,
    CASE t.status WHEN 'ok' THEN 0 WHEN 'error' THEN 1 ELSE 2 END, t.http_status, t.attempts,
    CASE t.cache_result WHEN 'hit_exact' THEN 0 WHEN 'hit_semantic' THEN 1 WHEN 'miss' THEN 2 WHEN 'bypass' THEN 3 END,
    t.stream, t.fallback, t.cache_hit, trace_key(t.id), t.error_message, t.guardrails, t.end_user, t.session_id,
    t.tags, t.metadata
FROM traces t
LEFT JOIN inline_attempts i ON i.trace_id = t.id
JOIN trace_names o ON o.name = t.organization_id
JOIN trace_names p ON p.name = t.project_id
JOIN trace_names e ON e.name = t.environment_id
JOIN trace_names k ON k.name = t.api_key_id
JOIN trace_names ep ON ep.name = t.endpoint
JOIN trace_names mr ON mr.name = t.model_requested
LEFT JOIN trace_names pv ON pv.name = t.provider
LEFT JOIN trace_names ms ON ms.name = t.model_served
LEFT JOIN trace_names et ON et.name = t.error_type
LEFT JOIN trace_names cs ON cs.name = t.cost_status
ORDER BY t.started_at, t.id;

INSERT INTO trace_attempt_rows (
    started_at, latency_ms, tokens_in, tokens_out, cost_nanousd, attempt, http_status, trace_id, provider, model, status,
    error_type, error_message)
SELECT a.started_at, a.latency_ms, a.tokens_in, a.tokens_out, a.cost_nanousd, a.attempt, a.http_status,
       trace_key(a.trace_id), a.provider, a.model, a.status, a.error_type, a.error_message
FROM trace_attempts a WHERE NOT EXISTS (SELECT 1 FROM inline_attempts i WHERE i.trace_id = a.trace_id);

DROP TABLE inline_attempts;
DROP TABLE trace_attempts;
DROP TABLE traces;

-- Keys and indexes once the rows are in; each on the parent is made on every partition.
ALTER TABLE trace_rows ADD PRIMARY KEY (id, started_at);
CREATE INDEX trace_rows_started_idx ON trace_rows (started_at);
CREATE INDEX trace_rows_org_idx ON trace_rows (org, started_at);
CREATE INDEX trace_rows_seq_idx ON trace_rows USING brin (seq);
CREATE INDEX trace_rows_user_idx ON trace_rows (org, end_user, started_at) WHERE end_user IS NOT NULL;
CREATE INDEX trace_rows_session_idx ON trace_rows (session_id, started_at) WHERE session_id IS NOT NULL;
ALTER TABLE trace_attempt_rows ADD PRIMARY KEY (trace_id, attempt, started_at);

CREATE VIEW traces AS
SELECT
    r.seq, r.id AS id_key, r.org AS org_ref,
    CASE WHEN length(r.id) = 16 AND get_byte(r.id, 0) <> 0 THEN 'req_' || encode(r.id, 'hex')
         ELSE convert_from(substring(r.id FROM 2), 'UTF8') END AS id,
    o.name AS organization_id, p.name AS project_id, e.name AS environment_id, k.name AS api_key_id,
    ep.name AS endpoint, mr.name AS model_requested, pv.name AS provider, ms.name AS model_served,
    CASE r.status WHEN 0 THEN 'ok' WHEN 1 THEN 'error' ELSE 'cancelled' END AS status,
    r.http_status::integer AS http_status, et.name AS error_type, r.error_message, r.stream, r.attempts::integer AS attempts,
    r.fallback, r.cache_hit,
    r.latency_us / 1000.0::double precision AS latency_ms, r.ttft_us / 1000.0::double precision AS ttft_ms,
    r.overhead_us / 1000.0::double precision AS overhead_ms,
    r.tokens_in::bigint AS tokens_in, r.tokens_out::bigint AS tokens_out, r.tokens_cached::bigint AS tokens_cached,
    r.tokens_cache_write::bigint AS tokens_cache_write, r.tokens_reasoning::bigint AS tokens_reasoning, r.cost_nanousd,
    cs.name AS cost_status, r.started_at, r.started_at + r.latency_us * interval '1 microsecond' AS finished_at,
    CASE r.cache_result WHEN 0 THEN 'hit_exact' WHEN 1 THEN 'hit_semantic' WHEN 2 THEN 'miss' WHEN 3 THEN 'bypass' END
        AS cache_result,
    r.cache_similarity, r.saved_tokens_in::bigint AS saved_tokens_in, r.saved_tokens_out::bigint AS saved_tokens_out,
    r.saved_nanousd, r.cache_embed_nanousd, r.guardrails, r.end_user, r.session_id, r.tags, r.metadata,
    r.attempt_latency_us / 1000.0::double precision AS attempt_latency_ms,
    r.started_at + r.attempt_offset_us * interval '1 microsecond' AS attempt_started_at
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

CREATE VIEW trace_attempts AS
SELECT
    CASE WHEN length(a.trace_id) = 16 AND get_byte(a.trace_id, 0) <> 0 THEN 'req_' || encode(a.trace_id, 'hex')
         ELSE convert_from(substring(a.trace_id FROM 2), 'UTF8') END AS trace_id,
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
CREATE FUNCTION traces_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO trace_names (name)
        SELECT v FROM unnest(ARRAY[NEW.organization_id, NEW.project_id, NEW.environment_id, NEW.api_key_id, NEW.endpoint,
            NEW.model_requested, NEW.provider, NEW.model_served, NEW.error_type, NEW.cost_status]) AS v
        WHERE v IS NOT NULL
        ON CONFLICT (name) DO NOTHING;
    INSERT INTO trace_rows (
        started_at, latency_us, cost_nanousd, ttft_us, saved_nanousd, cache_embed_nanousd, cache_similarity, org, project,
        environment, api_key, endpoint, model_requested, provider, model_served, error_type, cost_status, tokens_in,
        tokens_out, tokens_cached, tokens_cache_write, tokens_reasoning, overhead_us, saved_tokens_in, saved_tokens_out,
        status, http_status, attempts, cache_result, stream, fallback, cache_hit, id, error_message, guardrails, end_user,
        session_id, tags, metadata)
    VALUES (
        NEW.started_at, round(NEW.latency_ms * 1000)::bigint, NEW.cost_nanousd, round(NEW.ttft_ms * 1000)::bigint,
        NEW.saved_nanousd, NEW.cache_embed_nanousd, NEW.cache_similarity,
        (SELECT ref FROM trace_names WHERE name = NEW.organization_id),
        (SELECT ref FROM trace_names WHERE name = NEW.project_id),
        (SELECT ref FROM trace_names WHERE name = NEW.environment_id),
        (SELECT ref FROM trace_names WHERE name = NEW.api_key_id),
        (SELECT ref FROM trace_names WHERE name = NEW.endpoint),
        (SELECT ref FROM trace_names WHERE name = NEW.model_requested),
        (SELECT ref FROM trace_names WHERE name = NEW.provider),
        (SELECT ref FROM trace_names WHERE name = NEW.model_served),
        (SELECT ref FROM trace_names WHERE name = NEW.error_type),
        (SELECT ref FROM trace_names WHERE name = NEW.cost_status),
        coalesce(NEW.tokens_in, 0), coalesce(NEW.tokens_out, 0), coalesce(NEW.tokens_cached, 0),
        coalesce(NEW.tokens_cache_write, 0), coalesce(NEW.tokens_reasoning, 0), round(NEW.overhead_ms * 1000)::integer,
        NEW.saved_tokens_in, NEW.saved_tokens_out,
        CASE NEW.status WHEN 'ok' THEN 0 WHEN 'error' THEN 1 WHEN 'cancelled' THEN 2 END, NEW.http_status,
        coalesce(NEW.attempts, 1),
        CASE NEW.cache_result WHEN 'hit_exact' THEN 0 WHEN 'hit_semantic' THEN 1 WHEN 'miss' THEN 2 WHEN 'bypass' THEN 3 END,
        coalesce(NEW.stream, FALSE), coalesce(NEW.fallback, FALSE), coalesce(NEW.cache_hit, FALSE), trace_key(NEW.id),
        NEW.error_message, NEW.guardrails, NEW.end_user, NEW.session_id, NEW.tags, NEW.metadata);
    RETURN NEW;
END
$$;
CREATE TRIGGER traces_insert INSTEAD OF INSERT ON traces FOR EACH ROW EXECUTE FUNCTION traces_insert();

CREATE FUNCTION traces_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM trace_attempt_rows WHERE trace_id = OLD.id_key;
    DELETE FROM trace_rows WHERE id = OLD.id_key AND started_at = OLD.started_at;
    RETURN OLD;
END
$$;
CREATE TRIGGER traces_delete INSTEAD OF DELETE ON traces FOR EACH ROW EXECUTE FUNCTION traces_delete();

CREATE FUNCTION trace_attempts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO trace_attempt_rows (
        started_at, latency_ms, tokens_in, tokens_out, cost_nanousd, attempt, http_status, trace_id, provider, model, status,
        error_type, error_message)
    VALUES (
        NEW.started_at, NEW.latency_ms, coalesce(NEW.tokens_in, 0), coalesce(NEW.tokens_out, 0), NEW.cost_nanousd, NEW.attempt,
        NEW.http_status, trace_key(NEW.trace_id), NEW.provider, NEW.model, NEW.status, NEW.error_type, NEW.error_message);
    RETURN NEW;
END
$$;
CREATE TRIGGER trace_attempts_insert INSTEAD OF INSERT ON trace_attempts FOR EACH ROW EXECUTE FUNCTION trace_attempts_insert();

CREATE FUNCTION trace_attempts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM trace_attempt_rows WHERE trace_id = OLD.trace_key AND attempt = OLD.attempt;
    IF OLD.attempt = 1 THEN
        UPDATE trace_rows SET attempt_latency_us = NULL, attempt_offset_us = NULL WHERE id = OLD.trace_key;
    END IF;
    RETURN OLD;
END
$$;
CREATE TRIGGER trace_attempts_delete INSTEAD OF DELETE ON trace_attempts FOR EACH ROW EXECUTE FUNCTION trace_attempts_delete();
