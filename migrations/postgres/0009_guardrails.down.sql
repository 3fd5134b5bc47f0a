-- 0009_guardrails (postgres, down)
ALTER TABLE traces DROP COLUMN guardrails;
DROP TABLE guardrail_policies;
