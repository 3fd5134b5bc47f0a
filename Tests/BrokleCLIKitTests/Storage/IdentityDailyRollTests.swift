@testable import BrokleCLIKit
@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

/// SQLite's daily end-user and tag rows are rolled from the hours once they are over (migration
/// 0019): late traces land in their day directly, reports whose whole days reach past the mark read
/// the hours, erasure moves only what the days hold, and the down migration makes the days whole.
@Suite struct IdentityDailyRollTests {
    enum Writer: String, CaseIterable, CustomTestStringConvertible {
        /// A SQLite file: the trace writer's own connection (SQLiteTraceSession).
        case sqliteFile
        /// In-memory SQLite: the driver's connection (TraceStore.write).
        case sqliteMemory
        case postgres

        var testDescription: String { rawValue }

        static var available: [Writer] { TestDatabase.available.contains(.postgres) ? allCases : [.sqliteFile, .sqliteMemory] }

        func withMigrated(_ body: (Database) async throws -> Void) async throws {
            switch self {
            case .sqliteFile: try await TestDatabase.sqlite.withMigrated { _, database in try await body(database) }
            case .postgres: try await TestDatabase.postgres.withMigrated { _, database in try await body(database) }
            case .sqliteMemory:
                let database = try await Database.connect(.sqliteMemory, logger: TestDatabase.logger)
                do {
                    try await Migrator(database: database, logger: TestDatabase.logger).up()
                    try await body(database)
                } catch {
                    await database.close()
                    throw error
                }
                await database.close()
            }
        }
    }

    /// `count` traces of `user` (tagged `beta`) from `start`, a minute apart.
    func traces(_ prefix: String, user: String, from start: Date, count: Int) throws -> [TraceRecord] {
        let target = DemoTraces.Target(organizationID: "o1", projectID: "p1", environmentID: "e1", apiKeyID: "k1")
        return DemoTraces(profile: prefix, targets: [target], now: Date(), prices: try PriceBook.shipped()).traces(0..<count).enumerated()
            .map { index, trace in
                var trace = trace
                trace.id = "\(prefix)-\(index)"
                trace.startedAt = start.addingTimeInterval(Double(index) * 60)
                trace.finishedAt = trace.startedAt.addingTimeInterval(0.5)
                trace.attemptRecords = []
                (trace.endUser, trace.tags, trace.sessionID) = (user, ["beta"], nil)
                return trace
            }
    }

    func mark(_ database: Database) async throws -> Date? {
        try await IdentityDailyRoll.mark(on: database.sql, dialect: database.dialect)
    }

    @Test(arguments: Writer.available)
    func theDaysAreRolledFromFinishedHoursAndStayExact(writer: Writer) async throws {
        try await writer.withMigrated { database in
            let now = Date()
            let today = UsageRollup.floor(now, 86_400)
            let store = TraceStore(database)
            // Three days back to now: the hours before the batch's latest are rolled into their days.
            var written = try traces("a", user: "ann", from: today.addingTimeInterval(-2 * 86_400 + 3_000), count: 40)
            written += try traces("b", user: "bob", from: today.addingTimeInterval(-86_400 + 82_000), count: 40)
            #expect(try await store.insert(written) == written.count)
            // The writer stopped in yesterday's last hour: yesterday's day row lacks that hour, so a
            // report over yesterday reads its hours.
            var yesterday = TraceFilter()
            (yesterday.since, yesterday.until) = (today.addingTimeInterval(-86_400), today)
            if database.dialect == .sqlite { #expect(try await mark(database) == today.addingTimeInterval(-3_600)) }
            let bob = try await CostReportStore(database).groups(by: [.user], yesterday)
            #expect(bob.map { [$0.keys[.user] ?? "", String($0.totals.requests)] } == [["bob", "40"]])
            let recent = try traces("c", user: "ann", from: now.addingTimeInterval(-600), count: 5)
            #expect(try await store.insert(recent) == recent.count)
            written += recent
            if database.dialect == .sqlite {
                #expect(try await mark(database) == UsageRollup.floorHour(now.addingTimeInterval(-600 + 4 * 60)))
            } else {
                #expect(try await mark(database) == nil, "PostgreSQL upserts the days with every batch")
            }
            try await RollupInvariant.expectMatchesTheTraces(database)

            // A late trace, from an hour already rolled, goes to its day directly.
            let late = try traces("late", user: "cat", from: today.addingTimeInterval(-2 * 86_400 + 3_600), count: 3)
            #expect(try await store.insert(late) == late.count)
            written += late
            try await RollupInvariant.expectMatchesTheTraces(database)

            // Reports by user over ranges whole days of which lie on either side of the mark.
            let reports = CostReportStore(database)
            for (since, until) in [
                (today.addingTimeInterval(-3 * 86_400), nil), (today.addingTimeInterval(-3 * 86_400 + 1_234), now.addingTimeInterval(-60)),
                (today.addingTimeInterval(-86_400), today), (nil, today.addingTimeInterval(-86_400 + 7_200)),
            ] as [(Date?, Date?)] {
                var filter = TraceFilter()
                (filter.since, filter.until) = (since, until)
                let inRange = written.filter { t in (since.map { t.startedAt >= $0 } ?? true) && (until.map { t.startedAt < $0 } ?? true) }
                let groups = try await reports.groups(by: [.user], filter)
                let byUser = Dictionary(grouping: inRange) { $0.endUser ?? "" }.mapValues(\.count)
                #expect(Dictionary(uniqueKeysWithValues: groups.map { ($0.keys[.user] ?? "", $0.totals.requests) }) == byUser, "\(filter)")
                filter.tags = ["beta"]
                #expect(try await reports.total(filter).requests == inRange.count)
            }

            // Erasing a user with traces on both sides of the mark moves exactly what each row holds.
            _ = try await TraceErasure(database).erase(.endUser("ann", organizationID: nil), contentOnly: false)
            try await RollupInvariant.expectMatchesTheTraces(database)

            // Down to 0018, the days hold every trace again, as the writer before 0019 keeps them.
            guard database.dialect == .sqlite else { return }
            try await Migrator(database: database, logger: TestDatabase.logger).down(steps: 1)
            let rows = try await database.sql.raw(
                "SELECT COALESCE(sum(requests), 0) AS n FROM usage_identity_daily WHERE kind = 1"
            ).first()?.decode(column: "n", as: Int.self)
            #expect(rows == written.count)
            try await Migrator(database: database, logger: TestDatabase.logger).up()
            #expect(try await mark(database) == UsageRollup.floorHour(now.addingTimeInterval(-600 + 4 * 60)).addingTimeInterval(3_600))
            try await RollupInvariant.expectMatchesTheTraces(database)
        }
    }
}
