-- 0013_per_user_limits (postgres, down): per-user limits and budgets are removed.
DELETE FROM limits WHERE scope_kind = 'end_user';
DELETE FROM budgets WHERE scope_kind = 'end_user';
ALTER TABLE limits DROP CONSTRAINT limits_scope_kind_check;
ALTER TABLE limits ADD CONSTRAINT limits_scope_kind_check CHECK (scope_kind IN ('key', 'environment', 'project', 'organization'));
ALTER TABLE budgets DROP CONSTRAINT budgets_scope_kind_check;
ALTER TABLE budgets ADD CONSTRAINT budgets_scope_kind_check CHECK (scope_kind IN ('key', 'environment', 'project', 'organization'));
