-- 0008_responses (postgres, down)
DROP TABLE responses;
