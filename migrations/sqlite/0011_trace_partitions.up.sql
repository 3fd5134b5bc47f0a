-- 0011_trace_partitions (sqlite, up): nothing to do. PostgreSQL partitions its trace tables by day here so
-- old days are dropped whole; SQLite prunes in short batches instead (TracePruner), so its versions stay in step.
SELECT 1;
