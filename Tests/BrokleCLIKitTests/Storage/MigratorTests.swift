@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

@Suite struct MigratorTests {
    func tables(_ database: Database) async throws -> Set<String> {
        let query: SQLQueryString =
            database.dialect == .sqlite
            ? "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'"
            : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()"
        return Set(try await database.sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) })
    }

    static let schemaTables: Set<String> = [
        "organizations", "projects", "environments", "users", "memberships", "api_keys", "traces", "trace_attempts",
    ]

    @Test(arguments: TestDatabase.available)
    func upCreatesTheSchemaAndDownRemovesIt(kind: TestDatabase) async throws {
        try await kind.withFresh { _, database in
            let migrator = try Migrator(database: database, logger: TestDatabase.logger)
            var steps: [Migrator.Step] = []
            try await migrator.up { steps.append($0) }
            #expect(steps.map(\.migration.version) == migrator.catalog.migrations.map(\.version))
            #expect(try await tables(database).isSuperset(of: Self.schemaTables.union(["schema_migrations"])))
            #expect(try await migrator.applied().map(\.version) == migrator.catalog.migrations.map(\.version))
            #expect(try await migrator.pendingUp().isEmpty)

            try await migrator.down(steps: nil)
            #expect(try await tables(database).isDisjoint(with: Self.schemaTables))
            #expect(try await migrator.applied().isEmpty)

            try await migrator.up()
            #expect(try await tables(database).isSuperset(of: Self.schemaTables))
        }
    }

    @Test(arguments: TestDatabase.available)
    func stepsLimitHowFarUpAndDownGo(kind: TestDatabase) async throws {
        try await kind.withFresh { _, database in
            let migrator = try Migrator(database: database, catalog: Self.catalog(database.dialect, extra: []), logger: TestDatabase.logger)
            let all = migrator.catalog.migrations.map(\.version)  // the embedded ones, then 9000
            try await migrator.up(steps: 1)
            #expect(try await migrator.applied().map(\.version) == [1])
            try await migrator.up()
            #expect(try await migrator.applied().map(\.version) == all)
            try await migrator.down(steps: 1)
            #expect(try await migrator.applied().map(\.version) == Array(all.dropLast()))
            #expect(try await tables(database).contains("organizations"))
            #expect(try await !tables(database).contains("widgets"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func dryRunPlansWithoutTouchingTheDatabase(kind: TestDatabase) async throws {
        try await kind.withFresh { _, database in
            let migrator = try Migrator(database: database, logger: TestDatabase.logger)
            let plan = try await migrator.pendingUp()
            #expect(plan.count == migrator.catalog.migrations.count)
            #expect(try await tables(database).isEmpty)  // not even schema_migrations
        }
    }

    @Test(arguments: TestDatabase.available)
    func aFailingMigrationRollsBackMarksDirtyAndBlocksUntilForced(kind: TestDatabase) async throws {
        try await kind.withFresh { _, database in
            let broken = (name: "9001_broken.up.sql", text: "CREATE TABLE half_done (x INTEGER);\nCREATE TABLE oops (;")
            let brokenDown = (name: "9001_broken.down.sql", text: "DROP TABLE half_done;")
            let migrator = try Migrator(
                database: database, catalog: Self.catalog(database.dialect, extra: [broken, brokenDown]), logger: TestDatabase.logger)

            await #expect {
                try await migrator.up()
            } throws: { error in
                guard let error = error as? BrokleError else { return false }
                return error.kind == .migration && error.message.contains("9001_broken.up.sql failed")
                    && error.hint?.contains("brokle migrate force 9000") == true
            }
            // The good versions landed; 9001 was rolled back entirely (no half_done) and is dirty.
            let good = migrator.catalog.migrations.map(\.version).filter { $0 != 9001 }
            let applied = try await migrator.applied()
            #expect(applied.map(\.version) == good + [9001])
            #expect(applied.map(\.dirty) == good.map { _ in false } + [true])
            #expect(try await !tables(database).contains("half_done"))

            // Nothing proceeds while dirty.
            await #expect { try await migrator.up() } throws: { ($0 as? BrokleError)?.kind == .migration }
            await #expect { try await migrator.down(steps: 1) } throws: { ($0 as? BrokleError)?.kind == .migration }

            // force 2 clears it; a fixed migration then applies.
            try await migrator.force(version: 9000)
            #expect(try await migrator.applied().map(\.version) == good)
            let fixed = (name: "9001_broken.up.sql", text: "CREATE TABLE half_done (x INTEGER);")
            let repaired = try Migrator(
                database: database, catalog: Self.catalog(database.dialect, extra: [fixed, brokenDown]), logger: TestDatabase.logger)
            try await repaired.up()
            #expect(try await repaired.applied().allSatisfy { !$0.dirty })
            #expect(try await tables(database).contains("half_done"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func forceRecordsVersionsWithoutRunningThem(kind: TestDatabase) async throws {
        try await kind.withFresh { _, database in
            let migrator = try Migrator(database: database, catalog: Self.catalog(database.dialect, extra: []), logger: TestDatabase.logger)
            try await migrator.force(version: 9000)
            #expect(try await migrator.applied().map(\.version) == migrator.catalog.migrations.map(\.version))
            #expect(try await !tables(database).contains("organizations"))
            try await migrator.force(version: 0)
            #expect(try await migrator.applied().isEmpty)
            await #expect { try await migrator.force(version: 42) } throws: { ($0 as? BrokleError)?.kind == .notFound }
        }
    }

    @Test(arguments: TestDatabase.available)
    func downRefusesVersionsThisBinaryDoesNotKnow(kind: TestDatabase) async throws {
        try await kind.withFresh { _, database in
            let newer = try Migrator(database: database, catalog: Self.catalog(database.dialect, extra: []), logger: TestDatabase.logger)
            try await newer.up()
            let older = try Migrator(database: database, logger: TestDatabase.logger)
            await #expect { try await older.down(steps: 1) } throws: { ($0 as? BrokleError)?.kind == .conflict }
        }
    }

    /// The embedded migrations of `dialect` plus a harmless version 9000 (`widgets`) and any `extra` files.
    static func catalog(_ dialect: SQLDialectKind, extra: [(name: String, text: String)]) throws -> MigrationCatalog {
        var files = EmbeddedMigrationFiles.all.filter { $0.0 == dialect.rawValue }.map { (name: $0.1, text: $0.2) }
        files.append((name: "9000_widgets.up.sql", text: "CREATE TABLE widgets (x INTEGER);"))
        files.append((name: "9000_widgets.down.sql", text: "DROP TABLE widgets;"))
        return try MigrationCatalog(dialect: dialect, files: files + extra)
    }
}
