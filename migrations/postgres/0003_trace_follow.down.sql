-- 0003_trace_follow (down)
DROP INDEX traces_finished_idx;
