import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit

/// SQLKit's view of a PostgresNIO ``PostgresClient`` pool: every statement leases a connection for
/// its own run, so a connection the server dropped (a restart, a failover) is replaced by the pool
/// instead of failing every later query. postgres-kit has no such adapter; this is the whole of it.
/// Statements that must share a connection (a transaction, a session lock) go through
/// ``withSession(_:)``.
struct PooledPostgresDatabase: SQLDatabase {
    let pool: PostgresPool
    let logger: Logger
    let eventLoop: any EventLoop
    let queryLogLevel: Logger.Level?
    var dialect: any SQLDialect { PostgresDialect() }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await pool.client.withConnection { connection in
            try await connection.sql(queryLogLevel: queryLogLevel).execute(sql: query, onRow)
        }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await pool.client.withConnection { connection in
            try await closure(connection.sql(queryLogLevel: queryLogLevel))
        }
    }
}
