-- 0015_audit_log (sqlite, down)
DROP TABLE audit_log;
