-- 0015_audit_log (postgres, down)
DROP TABLE audit_log;
