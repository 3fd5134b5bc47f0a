import BrokleCore
import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit
import SQLiteKit

/// Brokle's database, SQLite or PostgreSQL, seen through SQLKit so every store is written once for
/// both. The only dialect-specific knowledge lives in `dialect`.
///
/// PostgreSQL is a PostgresNIO ``PostgresClient`` pool: a connection the server drops (a restart, a
/// failover) is replaced on the next use, so the gateway recovers by itself. SQLite is one
/// connection to a local file.
package final class Database: Sendable {
    /// How long calls may take; the gateway sets its own, shorter limits per operation.
    package struct Options: Sendable, Equatable {
        /// Longest one ``call(_:_:)`` or ``write(_:_:)`` may take, waiting for a connection included.
        package var callTimeout: Duration = .seconds(30)
        /// Longest opening a PostgreSQL connection may take.
        package var connectTimeout: Duration = .seconds(5)
        /// PostgreSQL connections this process may hold at once.
        package var maximumConnections = 8

        package init(callTimeout: Duration = .seconds(30), connectTimeout: Duration = .seconds(5), maximumConnections: Int = 8) {
            self.callTimeout = callTimeout
            self.connectTimeout = connectTimeout
            self.maximumConnections = maximumConnections
        }
    }

    enum Backend: Sendable {
        case sqlite(SQLiteConnection)
        case postgres(PostgresPool)
        /// One connection leased from a pool for ``withSession(_:)``; its owner closes it.
        case session(PostgresConnection)
    }

    /// The driver's own connection, for the few hot statements that bind values natively instead of
    /// through SQLKit (the trace writer's inserts).
    enum DriverConnection {
        case sqlite(SQLiteConnection)
        case postgres(PostgresConnection)
    }

    /// SQLite's connection, or a PostgreSQL session's (``withSession(_:)``); nil for the pool.
    var driver: DriverConnection? {
        switch backend {
        case .sqlite(let connection): .sqlite(connection)
        case .session(let connection): .postgres(connection)
        case .postgres: nil
        }
    }

    /// The SQLKit view: `sql.raw("... \(bind: value)")` and the query builders.
    package let sql: any SQLDatabase
    package let dialect: SQLDialectKind
    /// The URL it was opened with; its description never shows a password.
    package let url: DatabaseURL
    package let options: Options
    let backend: Backend
    /// SQLite: its one connection runs one transaction at a time.
    let transactions = SerialGate()
    /// A SQLite file's second connection, for the trace writer's prepared statements (``TraceStore``);
    /// nil for an in-memory database, which exists only on its one connection, and for PostgreSQL.
    let traceConnection: SQLiteTraceConnection?
    /// The `trace_names` numbers the trace writer has bound through this database's own connections.
    let traceNames = TraceNameCache()

    init(
        sql: any SQLDatabase, dialect: SQLDialectKind, url: DatabaseURL, options: Options, backend: Backend,
        traceConnection: SQLiteTraceConnection? = nil
    ) {
        self.sql = sql
        self.dialect = dialect
        self.url = url
        self.options = options
        self.backend = backend
        self.traceConnection = traceConnection
    }

    /// Opens the database named by `url`; an unreachable or unopenable database is a
    /// `database_unavailable` error that names the (redacted) URL.
    package static func connect(_ url: DatabaseURL, options: Options = Options(), logger: Logger) async throws(BrokleError) -> Database {
        do {
            switch url {
            case .sqlite(let path):
                return try await openSQLite(.file(path: path), url: url, options: options, logger: logger)
            case .sqliteMemory:
                return try await openSQLite(.memory, url: url, options: options, logger: logger)
            case .postgres(let location):
                return try await openPostgres(location, url: url, options: options, logger: logger)
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

    private static func openSQLite(_ storage: SQLiteConnection.Storage, url: DatabaseURL, options: Options, logger: Logger) async throws
        -> Database
    {
        let connection = try await SQLiteConnection.open(storage: storage, logger: logger)
        let sql = connection.sql(queryLogLevel: .trace)
        do {
            // Enforce foreign keys, wait for a writer instead of failing at once, and let readers
            // (a CLI) run beside a writer (the proxy's trace writer).
            try await sql.raw("PRAGMA foreign_keys = ON").run()
            try await sql.raw("PRAGMA busy_timeout = 5000").run()
            // Deleted and moved rows are overwritten with zeros, so erased data leaves the file
            // (``ErasureScrub``); the bundled SQLite's default, stated so it does not rest on a build flag.
            try await sql.raw("PRAGMA secure_delete = ON").run()
            if case .file = storage { try await sql.raw("PRAGMA journal_mode = WAL").run() }
        } catch {
            try? await connection.close()
            throw error
        }
        // Opened by the first trace batch, so a command that writes no traces never opens it.
        var traceConnection: SQLiteTraceConnection?
        if case .file(let path) = storage { traceConnection = SQLiteTraceConnection(path: path) }
        return Database(
            sql: sql, dialect: .sqlite, url: url, options: options, backend: .sqlite(connection), traceConnection: traceConnection)
    }

    private static func openPostgres(_ location: DatabaseURL.PostgresLocation, url: DatabaseURL, options: Options, logger: Logger)
        async throws -> Database
    {
        var probe = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.username,
            password: location.password, database: location.database,
            tls: location.tls == .require ? .require(try NIOSSLContext(configuration: .makeClientConfiguration())) : .disable
        )
        probe.options.connectTimeout = options.connectTimeout.timeAmount
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.username,
            password: location.password, database: location.database,
            tls: location.tls == .require ? .require(.makeClientConfiguration()) : .disable
        )
        configuration.options.connectTimeout = options.connectTimeout
        configuration.options.maximumConnections = options.maximumConnections
        // Idle connections are checked often, so one the server dropped is noticed before a request needs it.
        configuration.options.keepAliveBehavior = .init(frequency: .seconds(10))
        let pool = PostgresPool(configuration: configuration, probeConfiguration: probe, logger: logger)
        // One direct connection first: a wrong password or a stopped server is reported at once with
        // its real reason, where the pool would keep retrying in the background.
        do {
            try await TimeLimit.run(options.connectTimeout + .seconds(1)) { try await pool.probe() }
        } catch {
            await pool.close()
            throw error
        }
        let sql = PooledPostgresDatabase(
            pool: pool, logger: logger, eventLoop: PostgresClient.defaultEventLoopGroup.any(), queryLogLevel: .trace)
        return Database(sql: sql, dialect: .postgres, url: url, options: options, backend: .postgres(pool))
    }

    /// Checks the server itself, outside any pool: for PostgreSQL a new connection and `SELECT 1`,
    /// for SQLite `SELECT 1` on the file. Throws what went wrong, within `timeout`.
    package func probe(timeout: Duration) async throws {
        switch backend {
        case .postgres(let pool):
            try await TimeLimit.run(timeout) { try await pool.probe() }
        case .sqlite, .session:
            let sql = self.sql
            try await TimeLimit.run(timeout) { try await sql.raw("SELECT 1 AS n").run() }
        }
    }

    /// Replaces the PostgreSQL pool by a fresh one (see ``PostgresPool/renew()``); nothing for SQLite.
    package func renewConnections() {
        if case .postgres(let pool) = backend { pool.renew() }
    }

    /// Closes the connection or pool (SQLite: the trace writer's connection too, after its batch in
    /// progress); errors while closing are not worth reporting.
    package func close() async {
        switch backend {
        case .sqlite(let connection):
            await traceConnection?.close()
            try? await connection.close()
        case .postgres(let pool):
            await pool.close()
        case .session:
            break
        }
    }

    /// Runs `body` on one connection for all its statements (a transaction, a session-level lock).
    /// SQLite has only one connection, so there it is this database itself.
    package func withSession<T: Sendable>(_ body: (Database) async throws -> T) async throws -> T {
        guard case .postgres(let pool) = backend else { return try await body(self) }
        return try await pool.client.withConnection { connection in
            try await body(
                Database(
                    sql: connection.sql(queryLogLevel: .trace), dialect: dialect, url: url, options: options,
                    backend: .session(connection)
                ))
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// `immediate` takes SQLite's write lock up front so two writers queue instead of deadlocking.
    package func transaction<T: Sendable>(immediate: Bool = true, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await sessionTransaction(immediate: immediate) { try await body($0.sql) }
    }

    /// ``transaction(immediate:_:)`` handing `body` the session itself, whose ``driver`` is the
    /// connection the transaction runs on.
    func sessionTransaction<T: Sendable>(immediate: Bool = true, _ body: (Database) async throws -> T) async throws -> T {
        guard case .sqlite = backend else { return try await open(immediate: immediate, body) }
        return try await transactions.run { try await open(immediate: immediate, body) }
    }

    private func open<T: Sendable>(immediate: Bool, _ body: (Database) async throws -> T) async throws -> T {
        try await withSession { session in
            let sql = session.sql
            try await sql.raw(session.dialect == .sqlite && immediate ? "BEGIN IMMEDIATE" : "BEGIN").run()
            do {
                let value = try await body(session)
                try await sql.raw("COMMIT").run()
                return value
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}

extension Duration {
    /// This duration as NIO's `TimeAmount`.
    var timeAmount: TimeAmount { .nanoseconds(nanoseconds) }
}
