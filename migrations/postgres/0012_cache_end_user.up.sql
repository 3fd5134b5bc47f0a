-- 0012_cache_end_user (postgres, up): the end user a stored answer was asked for (the request's OpenAI
-- `user`, Anthropic `metadata.user_id` or `x-brokle-user`), so `brokle trace purge --user` deletes
-- that user's entries of the response cache with their traces' content. NULL when the request named
-- no end user, and for entries stored before this migration. No index: the table is capped per scope
-- (BROKLE_CACHE_MAX_ENTRIES) and a purge is rare, so a scan costs less than an index on every store.
ALTER TABLE cache_entries ADD COLUMN end_user TEXT;
