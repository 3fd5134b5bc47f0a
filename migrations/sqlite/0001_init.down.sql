-- 0001_init (sqlite, down)
DROP TABLE trace_attempts;
DROP TABLE traces;
DROP TABLE api_keys;
DROP TABLE memberships;
DROP TABLE users;
DROP TABLE environments;
DROP TABLE projects;
DROP TABLE organizations;
