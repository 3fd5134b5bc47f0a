-- 0019_identity_daily_roll (sqlite, up): usage_identity_daily is rolled from usage_identity_hourly
-- once an hour is over, not upserted with every batch of traces. With many end users a batch made
-- as many daily upserts as hourly ones (about 7,000 each for 7,500 traces in brokle-bench traces);
-- now an hour's rows are summed into the day once.
--
-- identity_daily_rolled.hour_start is the mark: the daily rows hold the figures of every stored
-- trace that started before it, and none after. The trace writer rolls the hours from the mark to
-- its batch's latest (never past now) and moves the mark, in the batch's transaction; a trace that
-- arrives late, from before the mark, is added to its day directly. Reports read whole days from the
-- daily rows only before the mark's day. SQLite runs one writer at a time, so the mark is read and
-- moved without a race; PostgreSQL's writers run side by side and keep upserting the daily rows.
CREATE TABLE identity_daily_rolled (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    hour_start  REAL NOT NULL
);

-- Every trace stored so far is in the daily rows: the hours through the latest with traces are rolled.
INSERT INTO identity_daily_rolled (id, hour_start)
SELECT 1, COALESCE(max(hour_start) + 3600.0, 0) FROM usage_identity_hourly;
