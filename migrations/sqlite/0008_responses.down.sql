-- 0008_responses (sqlite, down)
DROP TABLE responses;
