-- 0011_trace_partitions (sqlite, down): nothing to undo (see the up migration).
SELECT 1;
