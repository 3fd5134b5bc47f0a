-- 0015_audit_log (postgres, up): every change made through the CLI (and later the management API) —
-- organizations, projects, environments, members, keys, limits, budgets, guardrail and logging
-- policies, trace purges and prunes — one row each, written in the change's own transaction.
-- before/after are JSON (BrokleCore's AuditState) and never hold a secret: no key secret, no key
-- hash, no provider key. No foreign keys: a row outlives what it names.
CREATE TABLE audit_log (
    -- aud_ + 32 hex digits, time-ordered (AuditID): newest first is the primary key read backwards.
    id               TEXT PRIMARY KEY,
    occurred_at      TIMESTAMPTZ NOT NULL,
    -- cli:<user> (or BROKLE_ACTOR), or a signed-in member's email.
    actor            TEXT NOT NULL,
    -- The CLI's host name, or a client address.
    origin           TEXT NOT NULL,
    -- <object>.<verb>: organization.create, key.revoke, limit.set, trace.purge, ...
    action           TEXT NOT NULL,
    -- NULL for changes outside any one organization.
    organization_id  TEXT,
    -- What was changed, readable: acme/web/production, a key's public id, a purge's selector.
    target           TEXT NOT NULL,
    before           TEXT,
    after            TEXT
);
-- `brokle audit query --org`, newest first; without --org the primary key serves.
CREATE INDEX audit_log_organization_idx ON audit_log (organization_id, id);
