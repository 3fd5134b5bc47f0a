-- 0005_response_cache (sqlite, down)
DROP TABLE cache_entries;
ALTER TABLE traces DROP COLUMN cache_embed_nanousd;
ALTER TABLE traces DROP COLUMN saved_nanousd;
ALTER TABLE traces DROP COLUMN saved_tokens_out;
ALTER TABLE traces DROP COLUMN saved_tokens_in;
ALTER TABLE traces DROP COLUMN cache_similarity;
ALTER TABLE traces DROP COLUMN cache_result;
