-- 0005_response_cache (sqlite, up): the response cache's entries, and what each trace learned from it.
-- A trace's cache columns are NULL when caching was off for its model. `saved_*` are what a hit
-- did not spend (the stored answer's tokens, priced at the time of the hit); `cache_embed_nanousd`
-- is what the semantic cache's embedder cost (also inside cost_nanousd).
ALTER TABLE traces ADD COLUMN cache_result TEXT CHECK (cache_result IN ('hit_exact', 'hit_semantic', 'miss', 'bypass'));
ALTER TABLE traces ADD COLUMN cache_similarity REAL;
ALTER TABLE traces ADD COLUMN saved_tokens_in INTEGER;
ALTER TABLE traces ADD COLUMN saved_tokens_out INTEGER;
ALTER TABLE traces ADD COLUMN saved_nanousd INTEGER;
ALTER TABLE traces ADD COLUMN cache_embed_nanousd INTEGER;

-- One stored answer. `key` is the SHA-256 (hex) of the canonical request and the scope it is
-- shared in (`scope`: env:<id>, project:<id> or org:<id> — who asked, never what was asked).
-- Semantic entries also carry their partition (everything but the last user turn, hashed with the
-- scope and the embedder), the last user turn and its vector (little-endian float32).
CREATE TABLE cache_entries (
    key              TEXT PRIMARY KEY,
    scope            TEXT NOT NULL,
    organization_id  TEXT NOT NULL,
    project_id       TEXT NOT NULL,
    environment_id   TEXT NOT NULL,
    endpoint         TEXT NOT NULL,
    model            TEXT NOT NULL,
    partition_key    TEXT,
    embedder         TEXT,
    vector           BLOB,
    prompt           TEXT,
    answer           BLOB NOT NULL,
    bytes            INTEGER NOT NULL,
    provider         TEXT NOT NULL,
    model_served     TEXT NOT NULL,
    tokens_in        INTEGER NOT NULL,
    tokens_out       INTEGER NOT NULL,
    created_at       REAL NOT NULL,
    expires_at       REAL NOT NULL,
    last_hit_at      REAL NOT NULL,
    hits             INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX cache_entries_partition_idx ON cache_entries (partition_key, expires_at);
CREATE INDEX cache_entries_scope_idx ON cache_entries (scope, last_hit_at);
CREATE INDEX cache_entries_expiry_idx ON cache_entries (expires_at);
CREATE INDEX cache_entries_tenant_idx ON cache_entries (organization_id, project_id, environment_id, model);
