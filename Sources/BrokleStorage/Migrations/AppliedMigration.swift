import Foundation
import SQLKit

/// A row of `schema_migrations`: which versions the database has, and whether one is dirty
/// (a run failed on it and nothing may proceed until `brokle migrate force`).
package struct AppliedMigration: Sendable, Equatable {
    package var version: Int
    package var name: String
    package var dirty: Bool
    package var appliedAt: Date
}

/// Reads and writes `schema_migrations`. The migrator owns this table (it must exist before the
/// first migration can be recorded), so its DDL lives here rather than in a migration file.
struct SchemaMigrationsTable {
    let database: Database

    func exists() async throws -> Bool {
        let query: SQLQueryString =
            switch database.dialect {
            case .sqlite:
                "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
            case .postgres:
                "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'"
            }
        return try await database.count(query) > 0
    }

    func create() async throws {
        let ddl: SQLQueryString =
            switch database.dialect {
            case .sqlite:
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, dirty BOOLEAN NOT NULL DEFAULT 0, applied_at REAL NOT NULL)"
            case .postgres:
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, dirty BOOLEAN NOT NULL DEFAULT FALSE, applied_at TIMESTAMPTZ NOT NULL)"
            }
        try await database.sql.raw(ddl).run()
    }

    /// All rows by version; an absent table reads as none (so read-only commands create nothing).
    func all() async throws -> [AppliedMigration] {
        guard try await exists() else { return [] }
        return try await database.sql.raw("SELECT version, name, dirty, applied_at FROM schema_migrations ORDER BY version")
            .all()
            .map { row in
                AppliedMigration(
                    version: try row.decode(column: "version", as: Int.self),
                    name: try row.decode(column: "name", as: String.self),
                    dirty: try row.decode(column: "dirty", as: Bool.self),
                    appliedAt: try row.decode(column: "applied_at", as: Date.self)
                )
            }
    }

    static func insert(_ migration: Migration, dirty: Bool, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO schema_migrations (version, name, dirty, applied_at)
            VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: dirty), \(bind: Date()))
            """
        ).run()
    }

    static func isApplied(_ version: Int, on sql: any SQLDatabase) async throws -> Bool {
        let row = try await sql.raw("SELECT count(*) AS n FROM schema_migrations WHERE version = \(bind: version)").first()
        return try (row?.decode(column: "n", as: Int.self) ?? 0) > 0
    }
}
