-- 0013_per_user_limits (sqlite, down): per-user limits and budgets are removed.
CREATE TABLE limits_rebuilt (
    scope_kind       TEXT NOT NULL CHECK (scope_kind IN ('key', 'environment', 'project', 'organization')),
    scope_id         TEXT NOT NULL,
    organization_id  TEXT NOT NULL,
    rpm              INTEGER CHECK (rpm > 0),
    tpm              INTEGER CHECK (tpm > 0),
    concurrency      INTEGER CHECK (concurrency > 0),
    created_at       REAL NOT NULL,
    updated_at       REAL NOT NULL,
    PRIMARY KEY (scope_kind, scope_id)
);
INSERT INTO limits_rebuilt (scope_kind, scope_id, organization_id, rpm, tpm, concurrency, created_at, updated_at)
SELECT scope_kind, scope_id, organization_id, rpm, tpm, concurrency, created_at, updated_at FROM limits WHERE scope_kind IN ('key', 'environment', 'project', 'organization');
DROP TABLE limits;
ALTER TABLE limits_rebuilt RENAME TO limits;
CREATE INDEX limits_organization_idx ON limits (organization_id);

CREATE TABLE budgets_rebuilt (
    scope_kind       TEXT NOT NULL CHECK (scope_kind IN ('key', 'environment', 'project', 'organization')),
    scope_id         TEXT NOT NULL,
    organization_id  TEXT NOT NULL,
    period           TEXT NOT NULL CHECK (period IN ('day', 'week', 'month')),
    limit_nanousd    INTEGER NOT NULL CHECK (limit_nanousd >= 0),
    created_at       REAL NOT NULL,
    updated_at       REAL NOT NULL,
    PRIMARY KEY (scope_kind, scope_id, period)
);
INSERT INTO budgets_rebuilt (scope_kind, scope_id, organization_id, period, limit_nanousd, created_at, updated_at)
SELECT scope_kind, scope_id, organization_id, period, limit_nanousd, created_at, updated_at FROM budgets WHERE scope_kind IN ('key', 'environment', 'project', 'organization');
DROP TABLE budgets;
ALTER TABLE budgets_rebuilt RENAME TO budgets;
CREATE INDEX budgets_organization_idx ON budgets (organization_id);
