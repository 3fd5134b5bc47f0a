import Logging
import PostgresKit
import PostgresNIO
import SQLKit
import SQLiteKit

/// One open connection to Brokle's database, SQLite or PostgreSQL, seen through SQLKit so every
/// store is written once for both. The only dialect-specific knowledge lives in `dialect`.
public final class Database: Sendable {
    /// The SQLKit view of the connection: `sql.raw("... \(bind: value)")` and the query builders.
    public let sql: any SQLDatabase
    public let dialect: SQLDialectKind
    /// The URL it was opened with; its description never shows a password.
    public let url: DatabaseURL
    private let closeConnection: @Sendable () async throws -> Void

    private init(sql: any SQLDatabase, dialect: SQLDialectKind, url: DatabaseURL, close: @escaping @Sendable () async throws -> Void) {
        self.sql = sql
        self.dialect = dialect
        self.url = url
        self.closeConnection = close
    }

    /// Opens the database named by `url`; an unreachable or unopenable database is a
    /// `database_unavailable` error that names the (redacted) URL.
    public static func connect(_ url: DatabaseURL, logger: Logger) async throws(BrokleError) -> Database {
        do {
            switch url {
            case .sqlite(let path):
                return try await openSQLite(.file(path: path), url: url, logger: logger)
            case .sqliteMemory:
                return try await openSQLite(.memory, url: url, logger: logger)
            case .postgres(let location):
                return try await openPostgres(location, url: url, logger: logger)
            }
        } catch {
            throw BrokleError(
                .databaseUnavailable, "cannot open \(url): \(DatabaseErrorText.describe(error))",
                hint: url.dialect == .postgres
                    ? "check that PostgreSQL is running and that BROKLE_DATABASE_URL is right"
                    : "check that the folder exists and is writable"
            )
        }
    }

    private static func openSQLite(_ storage: SQLiteConnection.Storage, url: DatabaseURL, logger: Logger) async throws -> Database {
        let connection = try await SQLiteConnection.open(storage: storage, logger: logger)
        let sql = connection.sql(queryLogLevel: .trace)
        do {
            // Enforce foreign keys, wait for a writer instead of failing at once, and let readers
            // (a CLI) run beside a writer (the proxy's trace writer).
            try await sql.raw("PRAGMA foreign_keys = ON").run()
            try await sql.raw("PRAGMA busy_timeout = 5000").run()
            if case .file = storage { try await sql.raw("PRAGMA journal_mode = WAL").run() }
        } catch {
            try? await connection.close()
            throw error
        }
        return Database(sql: sql, dialect: .sqlite, url: url, close: { try await connection.close() })
    }

    private static func openPostgres(_ location: DatabaseURL.PostgresLocation, url: DatabaseURL, logger: Logger) async throws -> Database {
        let tls: PostgresConnection.Configuration.TLS
        switch location.tls {
        case .disable: tls = .disable
        case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.username,
            password: location.password, database: location.database, tls: tls
        )
        configuration.options.connectTimeout = .seconds(5)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        return Database(sql: connection.sql(queryLogLevel: .trace), dialect: .postgres, url: url, close: { try await connection.close() })
    }

    /// Closes the connection; errors while closing are not worth reporting.
    public func close() async {
        try? await closeConnection()
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// `immediate` takes SQLite's write lock up front so two writers queue instead of deadlocking.
    public func transaction<T: Sendable>(immediate: Bool = true, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await sql.raw(dialect == .sqlite && immediate ? "BEGIN IMMEDIATE" : "BEGIN").run()
        do {
            let value = try await body(sql)
            try await sql.raw("COMMIT").run()
            return value
        } catch {
            try? await sql.raw("ROLLBACK").run()
            throw error
        }
    }
}
