-- 0018_installation_secret (postgres, up): secrets this database makes for itself, once.
--
-- erasure_digest: the key of the keyed digest (HMAC-SHA-256) that names an erased end user or
-- session in the audit log (`brokle trace purge`). Before this the name was their id's plain
-- SHA-256, which anyone reading the audit log could test guesses against (an e-mail address, a
-- customer number); without the key a digest tells nothing. 32 bytes from two gen_random_uuid()
-- (the server's strong random source; 244 random bits).
CREATE TABLE installation_secrets (
    name    TEXT PRIMARY KEY,
    secret  BYTEA NOT NULL
);

INSERT INTO installation_secrets (name, secret)
VALUES ('erasure_digest', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));
