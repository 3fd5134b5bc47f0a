-- 0006_limits (sqlite, down)
DROP TABLE limit_leases;
DROP TABLE limit_counters;
DROP TABLE budgets;
DROP TABLE limits;
