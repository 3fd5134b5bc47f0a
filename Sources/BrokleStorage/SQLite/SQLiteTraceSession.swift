import BrokleCore
import Foundation
import VaporCSQLite

/// The trace writer's SQLite connection with its statements prepared once: single-row INSERTs
/// re-run for every trace, hourly total and attempt (bind, step, reset), one transaction per batch.
/// Through SQLiteNIO every multi-row INSERT of 128 rows was parsed anew and its values bound from
/// `[SQLiteData]`: about 15 µs of CPU a trace in `brokle-bench traces`, against about 9 here.
///
/// Blocking, and not thread-safe: ``SQLiteTraceConnection`` runs it on one pool thread at a time.
final class SQLiteTraceSession {
    let handle: SQLiteHandle
    private let begin, commit, rollback: SQLiteHandle.Statement
    private let insertTrace, addHourly, addMinutely, addCacheHourly, addCacheMinutely, insertAttempt, insertContent: SQLiteHandle.Statement
    private let addIdentityHourly, addIdentityDaily, selectRolled, rollDaily, moveRolled: SQLiteHandle.Statement
    private let insertName, selectName: SQLiteHandle.Statement
    private let arena = SQLiteTextArena()
    /// `trace_names` numbers, looked up (and stored if new) once per connection; `uncommitted` are
    /// the ones the open transaction made, forgotten if it rolls back. Bounded as ``TraceNameCache`` is.
    private var names = TraceNameRefs()
    private var uncommitted: [String] = []

    /// Opens `path` as ``Database`` opens it (foreign keys on, WAL) and prepares the statements; the
    /// schema must be migrated.
    init(path: String, busyTimeout: Duration) throws(SQLiteHandle.Failure) {
        handle = try SQLiteHandle(path: path, busyTimeout: busyTimeout)
        try handle.execute("PRAGMA foreign_keys = ON")
        try handle.execute("PRAGMA journal_mode = WAL")
        // As ``Database`` does: pages this writer reorganises keep no stale copy of an erased row.
        try handle.execute("PRAGMA secure_delete = ON")
        // The tables' CHECK constraints (`status IN ('ok', 'error', 'cancelled')`, `cache_result IN
        // (…)`, `attempt >= 1`) are SQLite's guard against other writers; this one writes those
        // columns from Swift enums and counters, and checks the rest itself (`meetsConstraints`,
        // for records read back from spill files). Checked by SQLite, each `IN`
        // list is built as a temporary B-tree every time the INSERT runs: three a trace, ~290 KB
        // of allocations and about a tenth of the gateway's CPU at load. Statements prepared after
        // this pragma carry no checks.
        try handle.execute("PRAGMA ignore_check_constraints = ON")
        // IMMEDIATE takes the write lock up front, waiting (busy handler) for another writer to finish.
        begin = try handle.prepare("BEGIN IMMEDIATE")
        commit = try handle.prepare("COMMIT")
        rollback = try handle.prepare("ROLLBACK")
        insertTrace = try handle.prepare(
            SQLiteTraceStatements.insert(into: "trace_rows", TraceRows.traceColumns, rows: 1) + " ON CONFLICT (id) DO NOTHING")
        addHourly = try handle.prepare(UsageRollup.Table.hourly.insert(rows: 1, for: SQLiteTraceStatements.self))
        addMinutely = try handle.prepare(UsageRollup.Table.minutely.insert(rows: 1, for: SQLiteTraceStatements.self))
        let (hourly, daily) = (IdentityRollup.Table.hourly, IdentityRollup.Table.daily)
        addIdentityHourly = try handle.prepare(SQLiteTraceStatements.insert(into: hourly.name, hourly.columns, rows: 1) + hourly.upsert)
        addIdentityDaily = try handle.prepare(SQLiteTraceStatements.insert(into: daily.name, daily.columns, rows: 1) + daily.upsert)
        selectRolled = try handle.prepare(IdentityDailyRoll.select)
        rollDaily = try handle.prepare(IdentityDailyRoll.roll)
        moveRolled = try handle.prepare(IdentityDailyRoll.move)
        addCacheHourly = try handle.prepare(CacheRollup.insert(CacheRollup.hourly, rows: 1, for: SQLiteTraceStatements.self))
        addCacheMinutely = try handle.prepare(CacheRollup.insert(CacheRollup.minutely, rows: 1, for: SQLiteTraceStatements.self))
        insertAttempt = try handle.prepare(
            SQLiteTraceStatements.insert(into: "trace_attempt_rows", TraceRows.attemptColumns, rows: 1))
        insertName = try handle.prepare("INSERT INTO trace_names (name) VALUES (?) ON CONFLICT (name) DO NOTHING")
        selectName = try handle.prepare("SELECT ref FROM trace_names WHERE name = ?")
        insertContent = try handle.prepare(
            SQLiteTraceStatements.insert(into: "trace_contents", TraceRows.contentColumns, rows: 1) + " ON CONFLICT (trace_id) DO NOTHING")
    }

    /// Stores the traces not stored yet (`traces` holds each id once), then their rollups' totals,
    /// their attempts and their content, in one transaction — as ``TraceStore/write(_:on:)`` does through SQLiteNIO.
    /// Returns how many were new. On any failure, or once `interruption` is set, the transaction is
    /// rolled back and nothing of the batch stays.
    func write(_ traces: [TraceRecord], interruption: SQLiteInterruption) throws(SQLiteHandle.Failure) -> Int {
        // A transaction still open here was left by an earlier batch: end it before beginning.
        if handle.inTransaction { rollBack() }
        handle.interruption = interruption
        defer { handle.interruption = nil }
        do throws(SQLiteHandle.Failure) {
            // Inside the `do`: an interrupt landing on BEGIN just after it opened the transaction
            // fails it with the transaction open.
            try run(begin, interruption)
            // Indices, not copies: copying a record retains each of its strings.
            var stored: [Int] = []
            stored.reserveCapacity(traces.count)
            for index in traces.indices {
                guard traces[index].meetsConstraints else {
                    throw SQLiteHandle.Failure(
                        code: SQLITE_CONSTRAINT, message: "CHECK constraint failed: traces (cache_result or attempt)")
                }
                let refs = try TraceRowRefs(traces[index]) { (name) throws(SQLiteHandle.Failure) in
                    if let ref = names[name] { return ref }
                    return try store(name, interruption)
                }
                var row = SQLiteRowBinder(insertTrace, arena: arena)
                TraceRows.bind(traces[index], refs: refs, into: &row)
                try run(insertTrace, interruption, bound: row.result)
                // ON CONFLICT DO NOTHING: 0 rows changed for an id already stored.
                if handle.changes > 0 { stored.append(index) }
            }
            let fresh = stored.count == traces.count ? traces : stored.map { traces[$0] }
            // Each batch is summed once per minute (per hour for end users and tags); the longer
            // buckets from those sums.
            let minutes = UsageRollup.totals(fresh, per: .minutely)
            for (statement, table, groups) in [
                (addHourly, UsageRollup.Table.hourly, UsageRollup.coarsened(minutes, to: UsageRollup.Table.hourly.seconds)),
                (addMinutely, .minutely, minutes),
            ] {
                for (group, totals) in groups {
                    var row = SQLiteRowBinder(statement, arena: arena)
                    UsageRollup.bind(group, totals, numbers: table.numbered ? names : nil, into: &row)
                    try run(statement, interruption, bound: row.result)
                }
            }
            // End users and tags by hour; by day only for hours already rolled (``IdentityDailyRoll``),
            // then the hours this batch finished are rolled into their days.
            let hours = IdentityRollup.totals(fresh, numbers: names, per: .hourly)
            let rolled = try rolledThrough(interruption)
            let days = IdentityDailyRoll.batch(hours, of: fresh, rolled: rolled, now: Date())
            for (statement, groups) in [(addIdentityHourly, hours), (addIdentityDaily, days.direct)] {
                for (group, totals) in groups {
                    var row = SQLiteRowBinder(statement, arena: arena)
                    IdentityRollup.bind(group, totals, into: &row)
                    try run(statement, interruption, bound: row.result)
                }
            }
            if let through = days.rollTo {
                var range = SQLiteRowBinder(rollDaily, arena: arena)
                range.bind(rolled)
                range.bind(through)
                try run(rollDaily, interruption, bound: range.result)
                var mark = SQLiteRowBinder(moveRolled, arena: arena)
                mark.bind(through)
                try run(moveRolled, interruption, bound: mark.result)
            }
            let cacheMinutes = CacheRollup.totals(fresh, per: CacheRollup.minutely)
            for (statement, groups) in [
                (addCacheHourly, UsageRollup.coarsened(cacheMinutes, to: CacheRollup.hourly.seconds)), (addCacheMinutely, cacheMinutes),
            ] {
                for (group, figures) in groups {
                    var row = SQLiteRowBinder(statement, arena: arena)
                    CacheRollup.bind(group, figures, numbers: names, into: &row)
                    try run(statement, interruption, bound: row.result)
                }
            }
            for index in fresh.indices {
                let attempts = TraceRows.storedAttempts(of: fresh[index])
                let key = attempts.isEmpty ? [] : TraceKey.bytes(fresh[index].id)
                for attempt in attempts {
                    var row = SQLiteRowBinder(insertAttempt, arena: arena)
                    TraceRows.bind(attempt, traceKey: key, into: &row)
                    try run(insertAttempt, interruption, bound: row.result)
                }
                if let content = fresh[index].content {
                    var row = SQLiteRowBinder(insertContent, arena: arena)
                    TraceRows.bind(content, of: fresh[index], into: &row)
                    try run(insertContent, interruption, bound: row.result)
                }
            }
            try run(commit, interruption)
            keepCommittedNames()
            return fresh.count
        } catch {
            rollBack()
            throw error
        }
    }

    /// The mark of the daily end-user and tag rows, read in the batch's transaction.
    private func rolledThrough(_ interruption: SQLiteInterruption) throws(SQLiteHandle.Failure) -> Date {
        defer { selectRolled.reset() }
        guard !interruption.isSet else { throw SQLiteHandle.Failure(code: SQLITE_INTERRUPT, message: "interrupted") }
        guard try selectRolled.step() else {
            throw SQLiteHandle.Failure(code: SQLITE_INTERNAL, message: IdentityDailyRoll.missing)
        }
        return Date(timeIntervalSince1970: selectRolled.double(0))
    }

    /// Stores `name` in `trace_names` if it is new; its number.
    private func store(_ name: String, _ interruption: SQLiteInterruption) throws(SQLiteHandle.Failure) -> Int {
        var insert = SQLiteRowBinder(insertName, arena: arena)
        insert.bind(name)
        try run(insertName, interruption, bound: insert.result)
        let ref = try lookUp(name, interruption)
        names[name] = ref
        uncommitted.append(name)
        return ref
    }

    private func lookUp(_ name: String, _ interruption: SQLiteInterruption) throws(SQLiteHandle.Failure) -> Int {
        defer { selectName.reset() }
        var select = SQLiteRowBinder(selectName, arena: arena)
        select.bind(name)
        guard select.result == SQLITE_OK else { throw SQLiteHandle.Failure(code: select.result) }
        guard try selectName.step() else {
            throw SQLiteHandle.Failure(code: SQLITE_INTERNAL, message: "trace_names has no row for a name just stored")
        }
        return Int(selectName.int64(0))
    }

    private func keepCommittedNames() {
        uncommitted.removeAll(keepingCapacity: true)
        if names.count > TraceNameCache.limit { names.removeAll(keepingCapacity: true) }
    }

    /// Rolls back the open transaction, if any (SQLite ends it by itself after some errors). The
    /// caller's cancellation interrupts the connection from another thread, and that can land on
    /// the ROLLBACK itself as the batch fails: the transaction, and the write lock every other
    /// connection waits for, would stay open. So it is tried again while one is open; a retry is
    /// not interrupted (SQLite clears an interrupt when a statement starts with none running).
    func rollBack() {
        for name in uncommitted { names[name] = nil }
        uncommitted.removeAll(keepingCapacity: true)
        handle.interruption = nil
        for _ in 0..<Self.rollbackAttempts where handle.inTransaction {
            _ = try? rollback.step()
            rollback.reset()
        }
    }

    static let rollbackAttempts = 5

    /// Statements run since the session opened.
    private var steps = 0
    /// A batch gives way to any thread waiting for its core this often (~0.5 ms of work): a batch
    /// of thousands of rows would otherwise keep an event loop that woke on its core waiting for
    /// milliseconds, even with a core idle beside it.
    static let stepsBetweenYields = 64

    /// Steps `statement` once (its values bound with result `bound`) and resets it.
    private func run(_ statement: SQLiteHandle.Statement, _ interruption: SQLiteInterruption, bound: Int32 = SQLITE_OK)
        throws(SQLiteHandle.Failure)
    {
        defer { statement.reset() }
        steps &+= 1
        if steps % Self.stepsBetweenYields == 0 { BackgroundThread.yield() }
        guard bound == SQLITE_OK else { throw SQLiteHandle.Failure(code: bound) }
        // sqlite3_interrupt only reaches a statement that is running; this catches one that came between two.
        guard !interruption.isSet else { throw SQLiteHandle.Failure(code: SQLITE_INTERRUPT, message: "interrupted") }
        try statement.step()
    }
}
