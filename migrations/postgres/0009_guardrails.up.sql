-- 0009_guardrails (postgres, up): guardrail policies set on keys, environments, projects and
-- organizations (`brokle guardrails`), and what the guardrails did to each request.

-- A scope's policy as JSON: {"input": {...}, "output": {...}, "restore": bool, "deny": [...]}
-- (BrokleCore's GuardrailPolicy). Like `limits`, no foreign keys: a scope deleted since keeps its
-- row (its path is then empty) and the gateway never looks it up again.
CREATE TABLE guardrail_policies (
    scope_kind       TEXT NOT NULL CHECK (scope_kind IN ('key', 'environment', 'project', 'organization')),
    scope_id         TEXT NOT NULL,
    organization_id  TEXT NOT NULL,
    policy           TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scope_kind, scope_id)
);
CREATE INDEX guardrail_policies_organization_idx ON guardrail_policies (organization_id);

-- What the guardrails found and did on a request (JSON written by the gateway); NULL when no
-- policy applied.
ALTER TABLE traces ADD COLUMN guardrails TEXT;
