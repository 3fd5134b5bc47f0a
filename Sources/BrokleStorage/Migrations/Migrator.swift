import BrokleCore
import Foundation
import Logging
import SQLKit

/// Applies and rolls back the catalog's migrations, one transaction each, recording them in
/// `schema_migrations`. A failed migration is rolled back and its version marked dirty; every
/// later step refuses to run until `force` clears it.
package struct Migrator: Sendable {
    package enum Direction: String, Sendable, Codable { case up, down }

    /// One migration that ran (or, in a dry run, would run).
    package struct Step: Sendable {
        package var direction: Direction
        package var migration: Migration
        package var duration: Duration?
    }

    package let database: Database
    package let catalog: MigrationCatalog
    package let logger: Logger

    package init(database: Database, catalog: MigrationCatalog, logger: Logger) {
        self.database = database
        self.catalog = catalog
        self.logger = logger
    }

    package init(database: Database, logger: Logger) throws(BrokleError) {
        self.init(database: database, catalog: try .embedded(database.dialect), logger: logger)
    }

    var table: SchemaMigrationsTable { SchemaMigrationsTable(database: database) }

    /// What `schema_migrations` holds, in version order.
    package func applied() async throws(BrokleError) -> [AppliedMigration] {
        try await database.call("read schema_migrations") { try await table.all() }
    }

    /// The migrations `up` would apply, oldest first (at most `steps` of them).
    package func pendingUp(steps: Int? = nil) async throws(BrokleError) -> [Migration] {
        let applied = try await applied()
        try refuseIfDirty(applied)
        let done = Set(applied.map(\.version))
        let pending = catalog.migrations.filter { !done.contains($0.version) }
        return steps.map { Array(pending.prefix($0)) } ?? pending
    }

    /// The migrations `down` would roll back, newest first (at most `steps`; all when nil).
    package func pendingDown(steps: Int?) async throws(BrokleError) -> [Migration] {
        let applied = try await applied()
        try refuseIfDirty(applied)
        let targets = steps.map { Array(applied.reversed().prefix($0)) } ?? applied.reversed()
        return try targets.map { (row) throws(BrokleError) -> Migration in
            guard let migration = catalog.migration(row.version) else {
                throw BrokleError(
                    .conflict, "version \(format4(row.version)) (\(row.name)) is applied but this brokle does not know it",
                    hint: "roll it back with the brokle version that applied it"
                )
            }
            return migration
        }
    }

    /// Applies pending migrations in order; `onStep` sees each as soon as it is committed.
    package func up(steps: Int? = nil, onStep: (Step) throws(BrokleError) -> Void = { _ in }) async throws(BrokleError) {
        try await withMigrationLock { (migrator) async throws(BrokleError) in
            for migration in try await migrator.pendingUp(steps: steps) {
                try onStep(try await migrator.run(migration, .up))
            }
        }
    }

    /// Rolls back the newest `steps` applied migrations (all of them when nil).
    package func down(steps: Int?, onStep: (Step) throws(BrokleError) -> Void = { _ in }) async throws(BrokleError) {
        try await withMigrationLock { (migrator) async throws(BrokleError) in
            for migration in try await migrator.pendingDown(steps: steps) {
                try onStep(try await migrator.run(migration, .down))
            }
        }
    }

    /// Declares the database to be exactly at `version` (0 = nothing applied) and clean: rows above
    /// it are removed, known migrations up to it are recorded. No migration SQL runs.
    package func force(version: Int) async throws(BrokleError) {
        guard version == 0 || catalog.migration(version) != nil else {
            throw BrokleError(
                .notFound, "there is no migration \(format4(version))",
                hint: "`brokle migrate status` lists the known versions; 0 means none applied"
            )
        }
        try await withMigrationLock { (migrator) async throws(BrokleError) in
            let database = migrator.database
            let table = migrator.table
            let catalog = migrator.catalog
            try await database.call("force version \(version)") {
                try await table.create()
                let existing = Set(try await table.all().map(\.version))
                try await database.transaction { sql in
                    try await sql.raw("DELETE FROM schema_migrations WHERE version > \(bind: version)").run()
                    try await sql.raw("UPDATE schema_migrations SET dirty = \(bind: false) WHERE version <= \(bind: version)").run()
                    for migration in catalog.migrations where migration.version <= version && !existing.contains(migration.version) {
                        try await SchemaMigrationsTable.insert(migration, dirty: false, on: sql)
                    }
                }
            }
        }
        logger.info("forced schema version", metadata: ["migration.version": "\(version)"])
    }

    private func refuseIfDirty(_ applied: [AppliedMigration]) throws(BrokleError) {
        guard let dirty = applied.first(where: \.dirty) else { return }
        let previous = applied.last(where: { $0.version < dirty.version && !$0.dirty })?.version ?? 0
        throw BrokleError(
            .migration,
            "the database is dirty at version \(format4(dirty.version)) (\(dirty.name)): a migration failed there and was rolled back",
            hint: "fix the migration, then run `brokle migrate force \(previous)` and `brokle migrate up` again"
        )
    }

    private func run(_ migration: Migration, _ direction: Direction) async throws(BrokleError) -> Step {
        let started = ContinuousClock.now
        let script = direction == .up ? migration.up : migration.down
        do {
            try await table.create()
            try await database.transaction { sql in
                let isApplied = try await SchemaMigrationsTable.isApplied(migration.version, on: sql)
                // Another migrator may have got here first; its work stands.
                guard isApplied == (direction == .down) else { return }
                for statement in SQLScript.statements(script) {
                    try await sql.raw(SQLQueryString(statement)).run()
                }
                if direction == .up {
                    try await SchemaMigrationsTable.insert(migration, dirty: false, on: sql)
                } else {
                    try await sql.raw("DELETE FROM schema_migrations WHERE version = \(bind: migration.version)").run()
                }
            }
        } catch {
            let reason = DatabaseErrorText.describe(error)
            if DatabaseErrorText.isConnectionLoss(error) {
                throw BrokleError(
                    .databaseUnavailable, "lost the database while running \(migration.label).\(direction.rawValue).sql: \(reason)")
            }
            await markDirty(migration, direction)
            throw BrokleError(
                .migration,
                "\(migration.label).\(direction.rawValue).sql failed and was rolled back: \(reason); version \(format4(migration.version)) is now marked dirty",
                hint:
                    "fix migrations/\(database.dialect.rawValue)/\(migration.label).\(direction.rawValue).sql, then run `brokle migrate force \(direction == .up ? previousVersion(before: migration.version) : migration.version)`"
            )
        }
        let duration = ContinuousClock.now - started
        logger.info(
            "migrated",
            metadata: [
                "migration.version": "\(migration.version)", "migration.name": "\(migration.name)",
                "migration.direction": "\(direction.rawValue)",
            ])
        return Step(direction: direction, migration: migration, duration: duration)
    }

    private func previousVersion(before version: Int) -> Int {
        catalog.migrations.last(where: { $0.version < version })?.version ?? 0
    }

    private func markDirty(_ migration: Migration, _ direction: Direction) async {
        do {
            if direction == .up {
                try await SchemaMigrationsTable.insert(migration, dirty: true, on: database.sql)
            } else {
                try await database.sql.raw("UPDATE schema_migrations SET dirty = \(bind: true) WHERE version = \(bind: migration.version)")
                    .run()
            }
        } catch {
            logger.error("could not mark the failed migration dirty", metadata: ["error": "\(DatabaseErrorText.describe(error))"])
        }
    }

    /// Serialises migrators across processes: a PostgreSQL advisory lock (several proxies may start
    /// at once), held on one pooled connection for the whole run, so `body` gets a migrator bound to
    /// that connection; SQLite's write lock is taken per migration by `BEGIN IMMEDIATE`.
    private func withMigrationLock(_ body: (Migrator) async throws(BrokleError) -> Void) async throws(BrokleError) {
        guard database.dialect == .postgres else { return try await body(self) }
        do {
            try await database.withSession { session in
                let pinned = Migrator(database: session, catalog: catalog, logger: logger)
                // Another migrator may hold the lock through a long migration: wait for it.
                try await session.call("take the migration lock", timeout: .seconds(600)) {
                    try await session.sql.raw("SELECT pg_advisory_lock(\(bind: Self.lockKey))").run()
                }
                do {
                    try await body(pinned)
                } catch {
                    try? await session.sql.raw("SELECT pg_advisory_unlock(\(bind: Self.lockKey))").run()
                    throw error
                }
                try? await session.sql.raw("SELECT pg_advisory_unlock(\(bind: Self.lockKey))").run()
            }
        } catch let error as BrokleError {
            throw error
        } catch {
            throw BrokleError(.databaseUnavailable, "could not hold a connection for migrating: \(DatabaseErrorText.describe(error))")
        }
    }

    static let lockKey: Int64 = 0x62726F6B6C65  // "brokle"
}
