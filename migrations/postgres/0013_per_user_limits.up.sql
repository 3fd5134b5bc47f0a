-- 0013_per_user_limits (postgres, up): limits and budgets on each end user of an environment
-- (`brokle limits set --env ORG/PROJECT/ENV --per-user`): scope_kind 'end_user', scope_id the
-- environment's id. The gateway counts them per end user (`end_user:<environment id>:<hash>`
-- counters in limit_counters).
ALTER TABLE limits DROP CONSTRAINT limits_scope_kind_check;
ALTER TABLE limits ADD CONSTRAINT limits_scope_kind_check CHECK (scope_kind IN ('key', 'environment', 'project', 'organization', 'end_user'));
ALTER TABLE budgets DROP CONSTRAINT budgets_scope_kind_check;
ALTER TABLE budgets ADD CONSTRAINT budgets_scope_kind_check CHECK (scope_kind IN ('key', 'environment', 'project', 'organization', 'end_user'));
