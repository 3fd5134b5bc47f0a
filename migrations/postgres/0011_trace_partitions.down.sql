-- 0011_trace_partitions (postgres, down): back to plain tables, every partition's rows moved back;
-- trace_attempts gets its foreign key to traces again (attempts whose trace was pruned go, and a
-- trace id stored twice keeps its first row).
ALTER TABLE trace_attempts RENAME TO trace_attempts_partitioned;
ALTER TABLE traces RENAME TO traces_partitioned;
ALTER TABLE trace_contents RENAME TO trace_contents_partitioned;
ALTER TABLE traces_partitioned DROP CONSTRAINT traces_pkey;
ALTER TABLE trace_attempts_partitioned DROP CONSTRAINT trace_attempts_pkey;
ALTER TABLE trace_contents_partitioned DROP CONSTRAINT trace_contents_pkey;
DROP INDEX traces_started_idx;
DROP INDEX traces_finished_idx;
DROP INDEX traces_model_idx;
DROP INDEX traces_provider_idx;
DROP INDEX traces_org_idx;
DROP INDEX traces_user_idx;
DROP INDEX traces_session_idx;
DROP INDEX trace_contents_started_idx;

CREATE TABLE traces (LIKE traces_partitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
CREATE TABLE trace_attempts (LIKE trace_attempts_partitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
CREATE TABLE trace_contents (LIKE trace_contents_partitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
INSERT INTO traces SELECT DISTINCT ON (id) * FROM traces_partitioned ORDER BY id, started_at;
INSERT INTO trace_attempts SELECT DISTINCT ON (trace_id, attempt) a.* FROM trace_attempts_partitioned a
    WHERE EXISTS (SELECT 1 FROM traces t WHERE t.id = a.trace_id) ORDER BY trace_id, attempt, started_at;
INSERT INTO trace_contents SELECT DISTINCT ON (trace_id) * FROM trace_contents_partitioned ORDER BY trace_id, started_at;
DROP TABLE trace_attempts_partitioned;
DROP TABLE traces_partitioned;
DROP TABLE trace_contents_partitioned;

ALTER TABLE traces ADD PRIMARY KEY (id);
CREATE INDEX traces_started_idx ON traces (started_at, id);
CREATE INDEX traces_finished_idx ON traces (finished_at);
CREATE INDEX traces_model_idx ON traces (model_requested, started_at);
CREATE INDEX traces_provider_idx ON traces (provider, started_at);
CREATE INDEX traces_org_idx ON traces (organization_id, started_at);
CREATE INDEX traces_user_idx ON traces (organization_id, end_user, started_at) WHERE end_user IS NOT NULL;
CREATE INDEX traces_session_idx ON traces (session_id, started_at) WHERE session_id IS NOT NULL;
ALTER TABLE trace_attempts ADD PRIMARY KEY (trace_id, attempt);
ALTER TABLE trace_attempts ADD FOREIGN KEY (trace_id) REFERENCES traces (id) ON DELETE CASCADE;
ALTER TABLE trace_contents ADD PRIMARY KEY (trace_id);
CREATE INDEX trace_contents_started_idx ON trace_contents (started_at);
