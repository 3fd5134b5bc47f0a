-- 0018_installation_secret (sqlite, down)
DROP TABLE installation_secrets;
