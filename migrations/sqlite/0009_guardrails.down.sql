-- 0009_guardrails (sqlite, down)
ALTER TABLE traces DROP COLUMN guardrails;
DROP TABLE guardrail_policies;
