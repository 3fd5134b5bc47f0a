-- 0011_trace_partitions (postgres, up): traces, trace_attempts and trace_contents partitioned by day
-- (UTC) on started_at, so the retention pruner drops a whole day's table instead of deleting rows
-- one by one (no long DELETE, no bloat, no vacuum debt). The proxy (and `brokle trace prune`) create
-- the partitions of the next few days ahead; a DEFAULT partition of each table takes any row no day
-- partition covers, so an insert never fails for a missing day, and the pruner deletes its old rows
-- in batches.
--
-- A unique key on a partitioned table must hold the partition key: traces are unique on
-- (id, started_at) — a replayed trace (a spill file ingested twice) has the same started_at, so the
-- writer's `ON CONFLICT (id, started_at) DO NOTHING` still skips it; an id resent with another start
-- is looked up by the writer in the day around its batch — trace_attempts on
-- (trace_id, attempt, started_at), trace_contents on (trace_id, started_at). For the same reason
-- trace_attempts cannot keep its foreign key to traces (a foreign key needs a unique key on the
-- referenced columns alone): the writer stores a trace and its attempts in one transaction, and the
-- pruner deletes attempts with their trace (or drops the same day's partition).
--
-- Existing rows move into day partitions from their first day (at most 400 days back; anything
-- older lands in the DEFAULT partition) to three days ahead.
ALTER TABLE trace_attempts RENAME TO trace_attempts_unpartitioned;
ALTER TABLE traces RENAME TO traces_unpartitioned;
ALTER TABLE trace_contents RENAME TO trace_contents_unpartitioned;

CREATE TABLE traces (LIKE traces_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (started_at);
CREATE TABLE trace_attempts (LIKE trace_attempts_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
    PARTITION BY RANGE (started_at);
CREATE TABLE trace_contents (LIKE trace_contents_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
    PARTITION BY RANGE (started_at);

DO $$
DECLARE
    today date := (now() AT TIME ZONE 'UTC')::date;
    first_day date;
    day date;
    parent text;
BEGIN
    SELECT least(
        (SELECT min(started_at) FROM traces_unpartitioned),
        (SELECT min(started_at) FROM trace_attempts_unpartitioned),
        (SELECT min(started_at) FROM trace_contents_unpartitioned)
    ) AT TIME ZONE 'UTC' INTO first_day;
    first_day := greatest(least(coalesce(first_day, today), today), today - 400);
    FOR day IN SELECT generate_series(first_day, today + 3, interval '1 day')::date LOOP
        FOREACH parent IN ARRAY ARRAY['traces', 'trace_attempts', 'trace_contents'] LOOP
            EXECUTE format(
                'CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                parent || '_p' || to_char(day, 'YYYYMMDD'), parent,
                to_char(day, 'YYYY-MM-DD') || ' 00:00:00+00', to_char(day + 1, 'YYYY-MM-DD') || ' 00:00:00+00');
        END LOOP;
    END LOOP;
END
$$;

CREATE TABLE traces_default PARTITION OF traces DEFAULT;
CREATE TABLE trace_attempts_default PARTITION OF trace_attempts DEFAULT;
CREATE TABLE trace_contents_default PARTITION OF trace_contents DEFAULT;

INSERT INTO traces SELECT * FROM traces_unpartitioned;
INSERT INTO trace_attempts SELECT * FROM trace_attempts_unpartitioned;
INSERT INTO trace_contents SELECT * FROM trace_contents_unpartitioned;
DROP TABLE trace_attempts_unpartitioned;
DROP TABLE traces_unpartitioned;
DROP TABLE trace_contents_unpartitioned;

-- Keys and indexes once the rows are in (each built once, not kept up row by row); an index on the
-- parent is created on every partition, present and future.
ALTER TABLE traces ADD PRIMARY KEY (id, started_at);
CREATE INDEX traces_started_idx ON traces (started_at, id);
CREATE INDEX traces_finished_idx ON traces (finished_at);
CREATE INDEX traces_model_idx ON traces (model_requested, started_at);
CREATE INDEX traces_provider_idx ON traces (provider, started_at);
CREATE INDEX traces_org_idx ON traces (organization_id, started_at);
CREATE INDEX traces_user_idx ON traces (organization_id, end_user, started_at) WHERE end_user IS NOT NULL;
CREATE INDEX traces_session_idx ON traces (session_id, started_at) WHERE session_id IS NOT NULL;
ALTER TABLE trace_attempts ADD PRIMARY KEY (trace_id, attempt, started_at);
ALTER TABLE trace_contents ADD PRIMARY KEY (trace_id, started_at);
CREATE INDEX trace_contents_started_idx ON trace_contents (started_at);
