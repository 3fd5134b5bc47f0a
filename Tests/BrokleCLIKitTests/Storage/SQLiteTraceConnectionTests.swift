@testable import BrokleCLIKit
@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

/// The trace writer's own SQLite connection (prepared statements, one transaction per batch) on a
/// file database: the same rows as the SQLiteNIO path, replays harmless, a writer on the other
/// connection waited for, and a batch that fails or runs out of time leaving nothing behind.
@Suite struct SQLiteTraceConnectionTests {
    static let target = DemoTraces.Target(organizationID: "o", projectID: "p", environmentID: "e", apiKeyID: "k")

    static func traces(_ count: Int, profile: String = "native") throws -> [TraceRecord] {
        DemoTraces(profile: profile, targets: [target], now: Date(), prices: try PriceBook.shipped()).traces(0..<count)
    }

    /// Every row of `table`, each as one line of SQLite's `quote()` of its columns, in `order`.
    static func rows(_ table: String, _ columns: [String], order: String, in database: Database) async throws -> [String] {
        let line = columns.map { "quote(\($0))" }.joined(separator: " || '|' || ")
        return try await database.sql.raw("SELECT \(unsafeRaw: line) AS line FROM \(unsafeRaw: table) ORDER BY \(unsafeRaw: order)").all()
            .map { try $0.decode(column: "line", as: String.self) }
    }

    /// The view `traces`' columns as the wide table had them.
    static let viewColumns = [
        "id", "organization_id", "project_id", "environment_id", "api_key_id", "endpoint", "model_requested", "provider",
        "model_served", "status", "http_status", "error_type", "error_message", "stream", "attempts", "fallback", "cache_hit",
        "latency_ms", "ttft_ms", "overhead_ms", "tokens_in", "tokens_out", "tokens_cached", "tokens_cache_write",
        "tokens_reasoning", "cost_nanousd", "cost_status", "started_at", "finished_at", "cache_result", "cache_similarity",
        "saved_tokens_in", "saved_tokens_out", "saved_nanousd", "cache_embed_nanousd", "guardrails", "end_user", "session_id",
        "tags", "metadata",
    ]

    /// Every rollup's rows (hourly, per minute, by end user and tag, the cache's), numbered names
    /// shown as names: the two paths number names in their own order.
    static func totals(_ database: Database) async throws -> [String] {
        let numbered: Set<String> = ["org", "project", "environment", "api_key", "model_requested", "provider"]
        var tables = [(UsageRollup.Table.hourly.name, UsageRollup.Table.hourly.columns)]
        tables.append((UsageRollup.Table.minutely.name, UsageRollup.Table.minutely.columns))
        tables += IdentityRollup.Table.all.map { ($0.name, $0.columns) }
        tables += [CacheRollup.hourly, CacheRollup.minutely].map { ($0.name, CacheRollup.columns($0)) }
        var lines: [String] = []
        for (table, columns) in tables {
            let shown = columns.map { numbered.contains($0) ? "(SELECT name FROM trace_names WHERE ref = \($0))" : $0 }
            lines += try await rows(table, shown, order: "1", in: database).sorted()
        }
        return lines
    }

    @Test func aFileDatabaseWritesTracesOnItsOwnConnection() async throws {
        try await TestDatabase.sqlite.withMigrated { _, database in
            #expect(database.traceConnection != nil)
            let written = TraceStoreTests.fullAndEmpty()
            #expect(try await TraceStore(database).insert(written) == 2)
            let read = try await TraceQueryStore(database).query(TraceFilter(), order: .asc, limit: 10, after: nil, withAttempts: true)
            #expect(read.map(\.record) == written)
        }
        let memory = try await Database.connect(.sqliteMemory, logger: TestDatabase.logger)
        #expect(memory.traceConnection == nil)
        await memory.close()
    }

    /// The connection skips SQLite's CHECK constraints (each `IN` list was a temporary B-tree per
    /// row) and keeps them itself: a record that breaks one fails its batch, which leaves nothing.
    @Test func aRecordThatBreaksACheckConstraintFailsItsBatch() async throws {
        try await TestDatabase.sqlite.withMigrated { _, database in
            var traces = try Self.traces(3)
            traces[1].cacheResult = "maybe"
            await #expect(throws: (any Error).self) { try await TraceStore(database).insert(traces) }
            traces[1].cacheResult = "hit_exact"
            traces[2].attemptRecords = traces[2].attemptRecords.map {
                var attempt = $0; attempt.attempt = 0; return attempt
            }
            if !traces[2].attemptRecords.isEmpty {
                await #expect(throws: (any Error).self) { try await TraceStore(database).insert(traces) }
            }
            let stored = try await database.sql.raw("SELECT count(*) AS n FROM traces").first()?.decode(column: "n", as: Int.self)
            #expect(stored == 0)
            #expect(try await TraceStore(database).insert(Array(traces[0...1])) == 2)
        }
    }

    @Test func rowsEqualTheSQLiteNIOPath() async throws {
        // An in-memory database has no second connection, so it takes SQLiteNIO's multi-row path.
        let viaNIO = try await Database.connect(.sqliteMemory, logger: TestDatabase.logger)
        do {
            try await Migrator(database: viaNIO, logger: TestDatabase.logger).up()
            try await TestDatabase.sqlite.withMigrated { _, native in try await Self.compare(native, viaNIO) }
        } catch {
            await viaNIO.close()
            throw error
        }
        await viaNIO.close()
    }

    /// Writes the same batches (the second overlapping the first) into both; every row must match.
    static func compare(_ native: Database, _ viaNIO: Database) async throws {
        let traces = try Self.traces(700) + TraceStoreTests.fullAndEmpty()
        for database in [viaNIO, native] {
            #expect(try await TraceStore(database).insert(Array(traces[0..<400])) == 400)
            #expect(try await TraceStore(database).insert(Array(traces[300...])) == traces.count - 400)
        }
        #expect(try await Self.totals(native) == Self.totals(viaNIO))
        #expect(try await Self.totals(native).count > 10)
        // Through the view, by name: the two write names in their own order, so their numbers differ.
        let traceRows = try await Self.rows("traces", Self.viewColumns, order: "id", in: native)
        #expect(traceRows.count == traces.count)
        #expect(try await traceRows == Self.rows("traces", Self.viewColumns, order: "id", in: viaNIO))
        #expect(
            try await Self.rows("trace_rows", ["id", "attempt_latency_us", "attempt_offset_us"], order: "id", in: native)
                == Self.rows("trace_rows", ["id", "attempt_latency_us", "attempt_offset_us"], order: "id", in: viaNIO))
        let attempts = try await Self.rows("trace_attempts", TraceRows.attemptColumns, order: "trace_id, attempt", in: native)
        #expect(attempts.count == traces.reduce(0) { $0 + $1.attemptRecords.count })
        #expect(try await attempts == Self.rows("trace_attempts", TraceRows.attemptColumns, order: "trace_id, attempt", in: viaNIO))
    }

    @Test func aReplayedBatchStoresNothingAndAddsNoTotals() async throws {
        try await TestDatabase.sqlite.withMigrated { _, database in
            let traces = try Self.traces(300)
            let store = TraceStore(database)
            #expect(try await store.insert(traces) == 300)
            let totals = try await Self.totals(database)
            let attempts = try await database.count("SELECT count(*) AS n FROM trace_attempts")
            #expect(try await store.insert(traces) == 0)
            #expect(try await store.insert(traces.reversed() + traces) == 0)
            #expect(try await Self.totals(database) == totals)
            #expect(try await database.count("SELECT count(*) AS n FROM trace_attempts") == attempts)
            #expect(try await database.count("SELECT count(*) AS n FROM traces") == 300)
        }
    }

    @Test func aBatchWaitsForTheOtherConnectionsWriteLock() async throws {
        try await TestDatabase.sqlite.withMigrated { _, database in
            let holder = await Self.holdWriteLock(of: database, for: .milliseconds(600))
            let clock = ContinuousClock()
            let started = clock.now
            #expect(try await TraceStore(database).insert(try Self.traces(50)) == 50)
            #expect(clock.now - started >= .milliseconds(300))
            try await holder.value
            #expect(try await database.count("SELECT count(*) AS n FROM traces") == 50)
        }
    }

    @Test func aBatchPastItsTimeLimitIsInterruptedAndRolledBack() async throws {
        try await TestDatabase.sqlite.withMigrated { _, database in
            let holder = await Self.holdWriteLock(of: database, for: .seconds(6))
            let traces = try Self.traces(50)
            let clock = ContinuousClock()
            let started = clock.now
            await #expect {
                try await TraceStore(database).insert(traces, timeout: .milliseconds(300))
            } throws: { error in
                (error as? BrokleError)?.kind == .databaseUnavailable
            }
            // The interrupted batch's thread stopped waiting for the lock, so the writer is free at
            // once: a batch with no time to wait fails fast instead of queueing behind it.
            let direct = try #require(database.traceConnection)
            let probe = Task { try await direct.write([]) }
            try await Task.sleep(for: .milliseconds(200))
            probe.cancel()
            _ = try? await probe.value
            // Well before the lock is given back (6 s); loose, for a loaded machine (~0.5 s quiet).
            #expect(clock.now - started < .milliseconds(4_000))
            try await holder.value
            #expect(try await database.count("SELECT count(*) AS n FROM traces") == 0)
            #expect(try await database.count("SELECT count(*) AS n FROM usage_hourly") == 0)
            #expect(try await TraceStore(database).insert(traces) == 50)
        }
    }

    @Test func aFailingRowRollsBackTheWholeBatch() async throws {
        try await TestDatabase.sqlite.withMigrated { _, database in
            let traces = try Self.traces(200)
            // trace_attempts.attempt has CHECK (attempt >= 1): the batch fails after its traces and totals.
            var broken = traces[150]
            broken.attemptRecords = [
                TraceAttemptRecord(
                    attempt: 0, provider: "openai", model: "gpt-4o", status: .ok, httpStatus: 200, errorType: nil, errorMessage: nil,
                    latencyMs: 1, tokensIn: 1, tokensOut: 1, costNanoUSD: nil, startedAt: broken.startedAt)
            ]
            var withBroken = traces
            withBroken[150] = broken
            await #expect {
                try await TraceStore(database).insert(withBroken)
            } throws: { error in
                let error = error as? BrokleError
                return error?.kind == .database && error?.message.contains("CHECK constraint failed") == true
            }
            for table in ["traces", "trace_attempts", "usage_hourly"] {
                #expect(try await database.count("SELECT count(*) AS n FROM \(unsafeRaw: table)") == 0, "\(table)")
            }
            // The connection is usable afterwards: no transaction left open.
            #expect(try await TraceStore(database).insert(traces) == 200)
        }
    }

    @Test func aTransactionLeftOpenIsRolledBackBeforeTheNextBatch() async throws {
        try await TestDatabase.sqlite.withMigrated { _, database in
            let connection = try #require(database.traceConnection)
            // As a ROLLBACK interrupted by a cancellation would leave it: a transaction open on the
            // trace connection, holding the write lock, with a row in it.
            try await connection.execute("BEGIN IMMEDIATE")
            try await connection.execute("DELETE FROM usage_hourly")
            #expect(try await TraceStore(database).insert(try Self.traces(20)) == 20)
            // The lock was given back: SQLiteNIO's connection writes at once, and sees the batch.
            let clock = ContinuousClock()
            let started = clock.now
            try await database.write("probe", timeout: .seconds(3)) { try await $0.raw("DELETE FROM traces WHERE id = 'none'").run() }
            #expect(clock.now - started < .seconds(1))
            #expect(try await database.count("SELECT count(*) AS n FROM traces") == 20)
        }
    }

    @Test func batchesCancelledAtAnyMomentNeverKeepTheWriteLock() async throws {
        try await TestDatabase.sqlite.withMigrated { _, database in
            let connection = try #require(database.traceConnection)
            // Each batch is cancelled somewhere between waiting its turn and its COMMIT: the
            // interrupt lands on BEGIN, a row, COMMIT or the ROLLBACK. None may leave its
            // transaction (and the write lock every other connection waits for) open. The moments
            // are spread over 1.5 × how long a batch takes here.
            let clock = ContinuousClock()
            var stored = try await connection.write(try Self.traces(100, profile: "timing"))
            let whole = try await clock.measure { stored += try await connection.write(try Self.traces(100, profile: "timed")) }
            let span = max(Int(whole / .microseconds(1)) * 3 / 2, 100)
            for round in 0..<150 {
                let batch = Task { try await connection.write(try Self.traces(100, profile: "round-\(round)")) }
                try await Task.sleep(for: .microseconds(Int.random(in: 0...span)))
                batch.cancel()
                stored += (try? await batch.value) ?? 0
            }
            let started = clock.now
            try await database.write("probe", timeout: .seconds(3)) { try await $0.raw("DELETE FROM traces WHERE id = 'none'").run() }
            #expect(clock.now - started < .seconds(1))
            #expect(try await database.count("SELECT count(*) AS n FROM traces") == stored)
            #expect(try await connection.write(try Self.traces(5, profile: "after")) == 5)
        }
    }

    @Test func aClosedConnectionRefusesBatches() async throws {
        try await TestDatabase.sqlite.withMigrated { url, _ in
            guard case .sqlite(let path) = try DatabaseURL(parsing: url) else { throw BrokleError(.config, "not a file") }
            let connection = SQLiteTraceConnection(path: path)
            #expect(try await connection.write(try Self.traces(3)) == 3)
            await connection.close()
            await #expect(throws: SQLiteHandle.Failure.self) { try await connection.write(try Self.traces(3, profile: "later")) }
        }
    }

    /// SQLiteNIO's connection holding the write lock for `duration` (returns once it holds it).
    static func holdWriteLock(of database: Database, for duration: Duration) async -> Task<Void, any Error> {
        let (locked, lockedNow) = AsyncStream.makeStream(of: Void.self)
        let holder = Task {
            try await database.transaction { sql in
                try await sql.raw("DELETE FROM traces WHERE id = 'none'").run()
                lockedNow.yield()
                try await Task.sleep(for: duration)
            }
        }
        for await _ in locked { break }
        return holder
    }
}
