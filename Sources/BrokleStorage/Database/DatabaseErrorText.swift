import BrokleCore
import PostgresNIO
import SQLiteNIO

/// A short, human-readable reason for a database error. PostgresNIO hides details behind a generic
/// description on purpose; this picks the server's message or the connection failure, which name
/// neither the password nor bound values.
package enum DatabaseErrorText {
    package static func describe(_ error: any Error) -> String {
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] {
                let detail = psql.serverInfo?[.detail].map { " (\($0))" } ?? ""
                return message + detail
            }
            if let underlying = psql.underlying { return describe(underlying) }
            return "\(psql.code)"
        }
        if let sqlite = error as? SQLiteError { return sqlite.message }
        if let sqlite = error as? SQLiteHandle.Failure { return sqlite.message }
        if let brokle = error as? BrokleError { return brokle.message }
        if let exceeded = error as? TimeLimit.Exceeded { return exceeded.description }
        if error is CancellationError { return "cancelled" }
        return String(describing: error)
    }

    /// Whether a statement failed on a UNIQUE or PRIMARY KEY constraint.
    static func isUniqueViolation(_ error: any Error) -> Bool {
        if let psql = error as? PSQLError { return psql.serverInfo?[.sqlState] == "23505" }
        if let sqlite = error as? SQLiteError {
            return [.constraintUniqueFailed, .constraintPrimaryKeyFailed].contains(sqlite.reason)
                || (sqlite.reason == .constraint && sqlite.message.contains("UNIQUE constraint failed"))
        }
        return false
    }

    /// Whether the error means the connection itself is gone (as opposed to a failing statement).
    static func isConnectionLoss(_ error: any Error) -> Bool {
        guard let psql = error as? PSQLError else { return false }
        return [.connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection, .poolClosed].contains(psql.code)
    }

    /// Whether the database cannot be reached right now, so the same call may succeed later: a lost
    /// or refused connection, a call past its deadline, a server shutting down or out of resources,
    /// a SQLite file that cannot be opened. Distinct from a statement that fails on a reachable
    /// database — a SQLite disk that is full or read-only among them: reads still work there, so
    /// keys keep being checked while the trace writer retries and spills.
    static func isUnavailable(_ error: any Error) -> Bool {
        if error is TimeLimit.Exceeded || isConnectionLoss(error) { return true }
        if let psql = error as? PSQLError, let state = psql.serverInfo?[.sqlState] {
            // 08 connection exception, 53 insufficient resources (disk full, too many connections),
            // 57P01-03 the server is shutting down or starting up.
            return state.hasPrefix("08") || state.hasPrefix("53") || ["57P01", "57P02", "57P03"].contains(state)
        }
        if let sqlite = error as? SQLiteError { return sqlite.reason == .cantOpen }
        if let sqlite = error as? SQLiteHandle.Failure { return sqlite.isCantOpen }
        // The connection pool's own failures (its circuit breaker while the server is down).
        return String(reflecting: type(of: error)).contains("ConnectionPoolError")
    }
}
