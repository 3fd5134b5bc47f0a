-- 0006_limits (postgres, down)
DROP TABLE limit_leases;
DROP TABLE limit_counters;
DROP TABLE budgets;
DROP TABLE limits;
