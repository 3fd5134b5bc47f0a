-- 0006_limits (sqlite, up): limits and budgets on keys, environments, projects and organizations,
-- and the shared state every proxy instance takes capacity from.

-- What a scope may use per minute and at once. NULL: no limit of that kind.
CREATE TABLE limits (
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
CREATE INDEX limits_organization_idx ON limits (organization_id);

-- What a scope may spend per calendar period (UTC; weeks start on Monday), in nano-USD.
CREATE TABLE budgets (
    scope_kind       TEXT NOT NULL CHECK (scope_kind IN ('key', 'environment', 'project', 'organization')),
    scope_id         TEXT NOT NULL,
    organization_id  TEXT NOT NULL,
    period           TEXT NOT NULL CHECK (period IN ('day', 'week', 'month')),
    limit_nanousd    INTEGER NOT NULL CHECK (limit_nanousd >= 0),
    created_at       REAL NOT NULL,
    updated_at       REAL NOT NULL,
    PRIMARY KEY (scope_kind, scope_id, period)
);
CREATE INDEX budgets_organization_idx ON budgets (organization_id);

-- The shared counters instances take capacity from, one atomic statement at a time (see
-- Core/Limits/LimitCounter for the names). Rates: `level` is the GCRA theoretical arrival time in
-- microseconds since 1970. Budgets, plan quotas and concurrency: `level` is what has been taken
-- (nano-USD, requests, slots), leased slices and in-flight reservations included. A row may be
-- deleted once `expires_at` has passed.
CREATE TABLE limit_counters (
    counter     TEXT PRIMARY KEY,
    level       INTEGER NOT NULL DEFAULT 0,
    expires_at  REAL NOT NULL
);
CREATE INDEX limit_counters_expiry_idx ON limit_counters (expires_at);

-- What each live instance holds of a counter and has not settled or given back (unused leased
-- capacity and in-flight reservations). Renewed while the instance lives; once `expires_at`
-- passes (the instance died), `amount` is given back to the counter.
CREATE TABLE limit_leases (
    instance_id  TEXT NOT NULL,
    counter      TEXT NOT NULL,
    amount       INTEGER NOT NULL,
    expires_at   REAL NOT NULL,
    PRIMARY KEY (instance_id, counter)
);
CREATE INDEX limit_leases_counter_idx ON limit_leases (counter);
CREATE INDEX limit_leases_expiry_idx ON limit_leases (expires_at);
