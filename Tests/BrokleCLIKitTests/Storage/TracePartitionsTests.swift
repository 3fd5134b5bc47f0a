@testable import BrokleCLIKit
@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

/// PostgreSQL's day partitions (migration 0011): existing rows move into them, the readers still
/// find every trace, old days are dropped whole, and the days ahead are ready.
@Suite struct TracePartitionsTests {
    static let day: TimeInterval = 86_400

    static func partitions(_ database: Database) async throws -> Set<String> {
        Set(
            try await database.sql.raw(
                """
                SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
                WHERE p.relname IN ('trace_rows', 'trace_attempt_rows', 'trace_contents')
                """
            ).all().map { try $0.decode(column: "name", as: String.self) })
    }

    /// Rows as an older brokle wrote them, straight into the unpartitioned tables of migration 0010.
    static func insertBefore0011(_ id: String, started: Date, on database: Database) async throws {
        try await database.sql.raw(
            """
            INSERT INTO traces (id, organization_id, project_id, environment_id, api_key_id, endpoint, model_requested, status,
                latency_ms, started_at, finished_at)
            VALUES (\(bind: id), 'o', 'p', 'e', 'k', 'chat.completions', 'gpt-4o', 'ok', 1, \(bind: started), \(bind: started))
            """
        ).run()
        try await database.sql.raw(
            """
            INSERT INTO trace_attempts (trace_id, attempt, provider, model, status, latency_ms, started_at)
            VALUES (\(bind: id), 1, 'openai', 'gpt-4o', 'ok', 1, \(bind: started))
            """
        ).run()
        try await database.sql.raw(
            """
            INSERT INTO trace_contents (trace_id, organization_id, started_at, mode, request, request_bytes)
            VALUES (\(bind: id), 'o', \(bind: started), 'full', '{}', 2)
            """
        ).run()
    }

    @Test func theMigrationPartitionsExistingRowsAndPruningDropsOldDays() async throws {
        guard TestDatabase.available.contains(.postgres) else { return }
        try await TestDatabase.postgres.withFresh { _, database in
            let migrator = try Migrator(database: database, logger: TestDatabase.logger)
            try await migrator.up(steps: 10)
            let now = Date()
            let ages: [String: TimeInterval] = ["d40": 40 * Self.day, "d10": 10 * Self.day, "h1": 3_600]
            for (id, age) in ages { try await Self.insertBefore0011(id, started: now.addingTimeInterval(-age), on: database) }

            try await migrator.up()
            let old = TracePartitions.name("trace_rows", day: now.addingTimeInterval(-40 * Self.day))
            let ahead = TracePartitions.name("trace_rows", day: now.addingTimeInterval(3 * Self.day))
            var partitions = try await Self.partitions(database)
            #expect(partitions.isSuperset(of: [old, ahead, "trace_rows_default", "trace_attempt_rows_default", "trace_contents_default"]))
            #expect(try await database.count("SELECT count(*) AS n FROM \(unsafeRaw: old)") == 1, "the row moved into its day")
            #expect(try await database.count("SELECT count(*) AS n FROM trace_attempts") == 3)
            let read = try await TraceQueryStore(database).query(TraceFilter(), order: .asc, limit: 10, after: nil, withAttempts: true)
            #expect(read.map(\.record.id) == ["d40", "d10", "h1"])
            #expect(read.allSatisfy { $0.record.attemptRecords.count == 1 })

            // The writer skips a replayed trace (same id and start) on the partitioned table.
            var replay = TracePrunerTests.trace("h1", age: 3_600, now: now)
            replay.startedAt = read[2].record.startedAt
            #expect(try await TraceStore(database).insert([replay, TracePrunerTests.trace("fresh", age: 60, now: now)]) == 1)

            var pruner = TracePruner(database)
            pruner.daysAhead = 5
            let report = try await pruner.prune(TracePrunerTests.defaults.cuts(now: now))
            #expect(report.partitionsDropped.contains(old))
            #expect(
                report.partitionsDropped.contains(TracePartitions.name("trace_attempt_rows", day: now.addingTimeInterval(-40 * Self.day))))
            #expect(report.partitionsDropped.contains(TracePartitions.name("trace_contents", day: now.addingTimeInterval(-10 * Self.day))))
            #expect(report.traces == 1 && report.attempts == 1 && report.contents == 2)
            #expect(report.partitionsCreated.contains(TracePartitions.name("trace_rows", day: now.addingTimeInterval(5 * Self.day))))
            partitions = try await Self.partitions(database)
            #expect(!partitions.contains(old))
            #expect(partitions.contains(TracePartitions.name("trace_contents", day: now.addingTimeInterval(4 * Self.day))))
            #expect(try await TracePrunerTests.ids("traces", database) == ["d10", "h1", "fresh"])

            // Down and up again keep what is left.
            try await migrator.down(steps: 1)
            #expect(try await database.count("SELECT count(*) AS n FROM traces") == 3)
            try await migrator.up()
            #expect(try await database.count("SELECT count(*) AS n FROM traces") == 3)
            #expect(try await database.count("SELECT count(*) AS n FROM trace_attempts") == 3)
        }
    }

    @Test func aDayNoPartitionCoversLandsInTheDefaultAndIsPrunedInBatches() async throws {
        guard TestDatabase.available.contains(.postgres) else { return }
        try await TestDatabase.postgres.withMigrated { _, database in
            let now = Date()
            try await TraceStore(database).insert([
                TracePrunerTests.trace("far-future", age: -30 * Self.day, now: now),
                TracePrunerTests.trace("past", age: 50 * Self.day, now: now),
            ])
            #expect(try await database.count("SELECT count(*) AS n FROM trace_rows_default") == 2)
            let report = try await TracePruner(database).prune(TracePrunerTests.defaults.cuts(now: now))
            #expect(report.traces == 1 && report.partitionsDropped.isEmpty)
            #expect(try await TracePrunerTests.ids("traces", database) == ["far-future"])
        }
    }

    /// A client resending its request id an hour later (or `brokle seed` run again): still one
    /// trace, counted once, although PostgreSQL's unique key now holds started_at.
    @Test(arguments: TestDatabase.available)
    func anIDStoredWithAnotherStartIsSkipped(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let now = Date()
            let store = TraceStore(database)
            let first = try await store.insert([TracePrunerTests.trace("same", age: 7_200, now: now)])
            let again = try await store.insert([
                TracePrunerTests.trace("same", age: 3_600, now: now), TracePrunerTests.trace("other", age: 60, now: now),
            ])
            #expect(first == 1 && again == 1)
            #expect(try await database.count("SELECT count(*) AS n FROM traces") == 2)
            #expect(try await TracePrunerTests.requestsInRollups(database) == 2)
        }
    }
}
