@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

@Suite struct CLIMigrateTests {
    func brokle(_ arguments: [String], _ url: String, in folder: URL? = nil) async throws -> BrokleBinary.Result {
        try await BrokleBinary.run(arguments + ["--log-level", "error"], environment: ["BROKLE_DATABASE_URL": url], in: folder)
    }

    @Test(arguments: TestDatabase.available)
    func upStatusDownRoundTrip(kind: TestDatabase) async throws {
        try await kind.withFresh { url, _ in
            let known = try MigrationCatalog.embedded(kind == .sqlite ? .sqlite : .postgres).migrations

            let dryRun = try await brokle(["migrate", "up", "--dry-run"], url)
            #expect(dryRun.status == 0)
            #expect(try dryRun.lines().map { $0["sql"]?.stringValue?.contains("CREATE TABLE organizations") }.first == true)
            #expect(try await brokle(["migrate", "status"], url).lines().allSatisfy { $0["applied"] == .bool(false) })

            let up = try await brokle(["migrate", "up"], url)
            #expect(up.status == 0)
            #expect(try up.lines().map { $0["version"]?.intValue } == known.map(\.version))
            let status = try await brokle(["migrate", "status"], url).lines()
            #expect(status.count == known.count)
            #expect(
                status.allSatisfy {
                    $0["applied"] == .bool(true) && $0["dirty"] == .bool(false) && $0["applied_at"]?.stringValue?.hasSuffix("Z") == true
                })

            let down = try await brokle(["migrate", "down", "--steps", "1"], url)
            #expect(down.status == 0)
            #expect(try down.lines().map { $0["direction"] } == [.string("down")])
            #expect(try await brokle(["migrate", "status"], url).lines().last?["applied"] == .bool(false))

            #expect(try await brokle(["migrate", "up"], url).status == 0)
            #expect(try await brokle(["migrate", "up"], url).stdout.isEmpty, "nothing left to apply")
            let table = try await brokle(["migrate", "status", "--format", "table"], url)
            #expect(table.stdout.hasPrefix("VERSION  NAME"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func resetNeedsYesWithoutATerminal(kind: TestDatabase) async throws {
        try await kind.withFresh { url, _ in
            #expect(try await brokle(["migrate", "up"], url).status == 0)
            let refused = try await brokle(["migrate", "reset"], url)
            #expect(refused.status == 8)
            #expect(refused.stdout.isEmpty)
            #expect(try refused.errorLine()?["error"]?["type"] == .string("confirmation_required"))
            #expect(try await brokle(["migrate", "status"], url).lines().allSatisfy { $0["applied"] == .bool(true) })

            let dryRun = try await brokle(["migrate", "reset", "--dry-run"], url)
            #expect(dryRun.status == 0)
            #expect(try dryRun.lines().allSatisfy { $0["dry_run"] == .bool(true) })

            let reset = try await brokle(["migrate", "reset", "--yes"], url)
            #expect(reset.status == 0)
            #expect(try await brokle(["migrate", "status"], url).lines().allSatisfy { $0["applied"] == .bool(false) })
        }
    }

    @Test(arguments: TestDatabase.available)
    func dirtyDatabaseRefusesUntilForced(kind: TestDatabase) async throws {
        try await kind.withFresh { url, database in
            #expect(try await brokle(["migrate", "up"], url).status == 0)
            let latest = try MigrationCatalog.embedded(database.dialect).migrations.last!.version
            try await database.sql.raw("UPDATE schema_migrations SET dirty = \(bind: true) WHERE version = \(bind: latest)").run()

            let refused = try await brokle(["migrate", "up"], url)
            #expect(refused.status == 9)
            let error = try #require(try refused.errorLine()?["error"])
            #expect(error["type"] == .string("migration"))
            #expect(error["hint"]?.stringValue?.contains("brokle migrate force") == true)
            #expect(try await brokle(["migrate", "status"], url).lines().last?["dirty"] == .bool(true))

            let forced = try await brokle(["migrate", "force", String(latest)], url)
            #expect(forced.status == 0)
            #expect(try forced.lines().first?["version"] == .int(latest))
            #expect(try await brokle(["migrate", "status"], url).lines().allSatisfy { $0["dirty"] == .bool(false) })
            #expect(try await brokle(["migrate", "up"], url).status == 0)
        }
    }

    @Test func createWritesBothDialectsAndNumbersOnward() async throws {
        let folder = try BrokleBinary.scratchDirectory()
        for dialect in ["sqlite", "postgres"] {
            let dir = folder.appendingPathComponent("migrations/\(dialect)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try "".write(to: dir.appendingPathComponent("0001_init.up.sql"), atomically: true, encoding: .utf8)
            try "".write(to: dir.appendingPathComponent("0001_init.down.sql"), atomically: true, encoding: .utf8)
        }
        let created = try await BrokleBinary.run(["migrate", "create", "add_budgets"], in: folder)
        #expect(created.status == 0)
        let lines = try created.lines()
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { $0["version"] == .int(2) && $0["name"] == .string("add_budgets") })
        for dialect in ["sqlite", "postgres"] {
            for direction in ["up", "down"] {
                let path = folder.appendingPathComponent("migrations/\(dialect)/0002_add_budgets.\(direction).sql").path
                #expect(FileManager.default.fileExists(atPath: path))
            }
        }
        #expect(try await BrokleBinary.run(["migrate", "create", "next_one"], in: folder).lines().first?["version"] == .int(3))

        let badName = try await BrokleBinary.run(["migrate", "create", "Bad-Name"], in: folder)
        #expect(badName.status == 2)
        let noFolder = try await BrokleBinary.run(["migrate", "create", "x"], in: try BrokleBinary.scratchDirectory())
        #expect(noFolder.status == 6)
        #expect(noFolder.stdout.isEmpty)
    }
}
