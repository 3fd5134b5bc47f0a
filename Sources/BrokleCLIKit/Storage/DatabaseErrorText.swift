import PostgresNIO
import SQLiteNIO

/// A short, human-readable reason for a database error. PostgresNIO hides details behind a generic
/// description on purpose; this picks the server's message or the connection failure, which name
/// neither the password nor bound values.
enum DatabaseErrorText {
    static func describe(_ error: any Error) -> String {
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] {
                let detail = psql.serverInfo?[.detail].map { " (\($0))" } ?? ""
                return message + detail
            }
            if let underlying = psql.underlying { return describe(underlying) }
            return "\(psql.code)"
        }
        if let sqlite = error as? SQLiteError { return sqlite.message }
        if let brokle = error as? BrokleError { return brokle.message }
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
        return [.connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection].contains(psql.code)
    }
}
