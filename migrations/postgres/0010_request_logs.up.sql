-- 0010_request_logs (postgres, up): who a request was for (end user, session, tags, metadata), what
-- was asked and answered where a scope captures content, and what each scope keeps (`brokle logging`).

-- From the OpenAI `user` field, Anthropic's `metadata.user_id` or `x-brokle-user`; `x-brokle-session`;
-- `x-brokle-tags` (a JSON array of strings); `x-brokle-metadata` (a JSON object of scalars).
-- NULL when the client said nothing. Erased by `brokle trace purge`.
ALTER TABLE traces ADD COLUMN end_user TEXT;
ALTER TABLE traces ADD COLUMN session_id TEXT;
ALTER TABLE traces ADD COLUMN tags TEXT;
ALTER TABLE traces ADD COLUMN metadata TEXT;
-- Partial: traces without an end user or session (most, where clients send neither) cost nothing here.
CREATE INDEX traces_user_idx ON traces (organization_id, end_user, started_at) WHERE end_user IS NOT NULL;
CREATE INDEX traces_session_idx ON traces (session_id, started_at) WHERE session_id IS NOT NULL;

-- The request as the client sent it and the answer as it received it (a stream assembled into one
-- answer), each cut to BROKLE_LOG_CONTENT_MAX_BYTES (`*_bytes` is the length before the cut, so a
-- cut is visible), `redacted` ones masked before they were stored. A table of its own, kept on its
-- own clock (BROKLE_CONTENT_RETENTION): no foreign key, so either side is pruned without the other.
CREATE TABLE trace_contents (
    trace_id         TEXT PRIMARY KEY,
    organization_id  TEXT NOT NULL,
    started_at       TIMESTAMPTZ NOT NULL,
    mode             TEXT NOT NULL CHECK (mode IN ('redacted', 'full')),
    request          TEXT NOT NULL,
    request_bytes    BIGINT NOT NULL,
    response         TEXT,
    response_bytes   BIGINT
);
CREATE INDEX trace_contents_started_idx ON trace_contents (started_at);

-- What a scope keeps: content capture (off, redacted, full) on organizations, projects and
-- environments; retention (seconds) on organizations. NULL defers to the wider scope, then to the
-- gateway's default. No foreign keys, as `limits` and `guardrail_policies`.
CREATE TABLE logging_policies (
    scope_kind                 TEXT NOT NULL CHECK (scope_kind IN ('environment', 'project', 'organization')),
    scope_id                   TEXT NOT NULL,
    organization_id            TEXT NOT NULL,
    content                    TEXT CHECK (content IN ('off', 'redacted', 'full')),
    trace_retention_seconds    BIGINT,
    content_retention_seconds  BIGINT,
    created_at                 TIMESTAMPTZ NOT NULL,
    updated_at                 TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scope_kind, scope_id)
);
CREATE INDEX logging_policies_organization_idx ON logging_policies (organization_id);
