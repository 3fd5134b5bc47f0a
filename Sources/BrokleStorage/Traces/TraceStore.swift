import BrokleCore
import Foundation

/// Writes traces and their attempts in batches, in one transaction per batch with their hourly
/// totals, skipping ids that are already stored (so a replayed batch is harmless).
///
/// The hot path of the trace writer. On a SQLite file: its own connection with statements prepared
/// once and re-run row by row (``SQLiteTraceConnection``). On PostgreSQL and in-memory SQLite: the
/// driver's own connection with values bound natively (``TraceStatements``), as multi-row INSERTs
/// of as many rows as suit the database.
package struct TraceStore: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    /// Traces per transaction: what the gateway queues in a quarter second at 30k traces/s fits in
    /// one, so a flush is one commit (one fsync on SQLite) and holds SQLite's writer turn briefly.
    static let batchSize = 10_000

    /// Inserts `traces` (any count; split into batches). Returns how many were new.
    /// `timeout` bounds each batch's transaction (the database's default when nil).
    @discardableResult
    package func insert(_ traces: [TraceRecord], timeout: Duration? = nil) async throws(BrokleError) -> Int {
        var inserted = 0
        var start = 0
        while start < traces.count {
            let batch = Array(traces[start..<min(start + Self.batchSize, traces.count)])
            inserted += try await insertBatch(batch, timeout: timeout)
            start += Self.batchSize
        }
        return inserted
    }

    private func insertBatch(_ batch: [TraceRecord], timeout: Duration?) async throws(BrokleError) -> Int {
        // A client may resend its own x-brokle-request-id: the first trace of an id is kept, and
        // ids already stored are skipped by the insert itself, so the batch never fails on them.
        var seen = Set<String>(minimumCapacity: batch.count)
        let unique = batch.filter { seen.insert($0.id).inserted }
        if let native = database.traceConnection {
            return try await database.call("store \(batch.count) traces", timeout: timeout) { try await native.write(unique) }
        }
        let cache = database.traceNames
        let (stored, made) = try await database.call("store \(batch.count) traces", timeout: timeout) {
            try await database.sessionTransaction { session in
                switch session.driver {
                case .sqlite(let connection):
                    try await Self.write(unique, on: SQLiteTraceStatements(connection: connection), names: cache)
                case .postgres(let connection):
                    try await Self.write(
                        unique, on: PostgresTraceStatements(connection: connection, logger: connection.logger), names: cache)
                case nil:
                    throw BrokleError(.database, "a transaction without its own connection")
                }
            }
        }
        cache.remember(made)
        return stored
    }

    /// The traces not stored yet, their attempts, their captured content and their hours' totals — the totals only for
    /// traces this call stored, so a trace is counted once however often it is written. Also the `trace_names`
    /// numbers it made, for the cache once the transaction has committed.
    static func write<S: TraceStatements>(_ traces: [TraceRecord], on statements: S, names: TraceNameCache) async throws
        -> (stored: Int, made: TraceNameRefs)
    {
        let elsewhen = try await statements.storedElsewhen(traces)
        let traces = elsewhen.isEmpty ? traces : traces.filter { !elsewhen.contains($0.id) }
        guard !traces.isEmpty else { return (0, [:]) }
        let (refs, made) = try await statements.nameRefs(of: traces, cache: names)
        var rows: [(TraceRecord, TraceRowRefs)] = []
        rows.reserveCapacity(traces.count)
        for trace in traces { rows.append((trace, try TraceRowRefs(trace, refs: refs))) }
        var stored = Set<String>(minimumCapacity: traces.count)
        try await statements.inSlices(
            rows, columns: TraceRows.traceColumns.count,
            sql: {
                S.insert(into: "trace_rows", TraceRows.traceColumns, rows: $0) + " ON CONFLICT (\(S.traceKey)) DO NOTHING RETURNING id"
            },
            bind: { row, binds in TraceRows.bind(row.0, refs: row.1, into: &binds) },
            run: { sql, binds in stored.formUnion(try await statements.ids(sql, binds)) })
        let fresh = stored.count == traces.count ? traces : traces.filter { stored.contains($0.id) }
        guard !fresh.isEmpty else { return (0, made) }
        try await UsageRollup.add(fresh, numbers: refs, on: statements)
        let attempts = fresh.flatMap { trace in
            let key = TraceKey.bytes(trace.id)
            return TraceRows.storedAttempts(of: trace).map { (key, $0) }
        }
        try await statements.inSlices(
            attempts, columns: TraceRows.attemptColumns.count,
            sql: { S.insert(into: "trace_attempt_rows", TraceRows.attemptColumns, rows: $0) },
            bind: { attempt, binds in TraceRows.bind(attempt.1, traceKey: attempt.0, into: &binds) }, run: statements.run)
        let contents = fresh.compactMap { trace in trace.content.map { (trace, $0) } }
        try await statements.inSlices(
            contents, columns: TraceRows.contentColumns.count,
            bytes: { $0.1.request.utf8.count + ($0.1.response?.utf8.count ?? 0) },
            sql: { S.insert(into: "trace_contents", TraceRows.contentColumns, rows: $0) + " ON CONFLICT (\(S.contentKey)) DO NOTHING" },
            bind: { content, binds in TraceRows.bind(content.1, of: content.0, into: &binds) }, run: statements.run)
        return (fresh.count, made)
    }

    /// Number of stored traces whose id starts with `prefix` (seed bookkeeping, tests).
    package func count(idPrefix prefix: String) async throws(BrokleError) -> Int {
        try await database.call("count traces") {
            // Such ids are stored as a zero byte and their text (TraceKey): a range of the id index.
            let low = TraceKey.bytes(prefix)
            return try await database.count(
                "SELECT count(*) AS n FROM trace_rows WHERE id >= \(bind: Data(low)) AND id < \(bind: Data(low + [0xFF]))")
        }
    }
}
