-- 0003_trace_follow (up): `brokle trace query --follow` reads traces as they land, by finish time.
CREATE INDEX traces_finished_idx ON traces (finished_at);
