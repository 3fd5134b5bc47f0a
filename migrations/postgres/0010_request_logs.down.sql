-- 0010_request_logs (postgres, down)
DROP TABLE logging_policies;
DROP TABLE trace_contents;
DROP INDEX traces_session_idx;
DROP INDEX traces_user_idx;
ALTER TABLE traces DROP COLUMN metadata;
ALTER TABLE traces DROP COLUMN tags;
ALTER TABLE traces DROP COLUMN session_id;
ALTER TABLE traces DROP COLUMN end_user;
