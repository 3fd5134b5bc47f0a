-- 0018_installation_secret (postgres, down)
DROP TABLE installation_secrets;
