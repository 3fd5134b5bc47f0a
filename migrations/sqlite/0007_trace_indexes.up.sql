-- 0007_trace_indexes (sqlite, up): only the indexes the trace readers use, so the trace writer
-- keeps fewer B-trees up to date.
-- `traces_key_idx` goes: `trace query --key` matches a public id or an id across two tables (an OR
-- no index can serve), so the planner never used it. `traces_tenant_idx` (org, project, env,
-- started_at) gives way to (org, started_at): `--org`/`--project` listings then read in time order
-- and stop at --limit, where the wider index made them read and sort every trace of the org.
DROP INDEX traces_key_idx;
DROP INDEX traces_tenant_idx;
CREATE INDEX traces_org_idx ON traces (organization_id, started_at);
