-- 0007_trace_indexes (sqlite, down)
DROP INDEX traces_org_idx;
CREATE INDEX traces_tenant_idx ON traces (organization_id, project_id, environment_id, started_at);
CREATE INDEX traces_key_idx ON traces (api_key_id, started_at);
