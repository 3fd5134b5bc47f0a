import BrokleCore
import Foundation

/// Where Brokle keeps its data, parsed from `BROKLE_DATABASE_URL` / `--database-url`.
///
/// Accepted forms:
/// - `sqlite:PATH` (relative or absolute; `sqlite:brokle.db` is the default), `sqlite://PATH`
/// - `sqlite::memory:` (a private database that lives as long as the command)
/// - `postgres://user:pass@host:port/db?sslmode=disable|require` (also `postgresql://`)
package enum DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case sqliteMemory
    case postgres(PostgresLocation)

    package struct PostgresLocation: Sendable, Equatable {
        package enum TLSMode: String, Sendable { case disable, require }
        package var host: String
        package var port: Int
        package var username: String
        package var password: String?
        package var database: String
        package var tls: TLSMode
    }

    package static let defaultValue = "sqlite:brokle.db"

    /// Parses `text`; errors name `variable` (the flag or environment variable it came from).
    package init(parsing text: String, variable: String = "BROKLE_DATABASE_URL") throws(BrokleError) {
        func bad(_ reason: String) -> BrokleError {
            BrokleError(
                .config, "\(variable) is invalid: \(reason)",
                hint: "use sqlite:PATH, sqlite::memory: or postgres://user:pass@host:5432/db?sslmode=disable"
            )
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "sqlite::memory:" || trimmed == "sqlite://:memory:" {
            self = .sqliteMemory
            return
        }
        if trimmed.hasPrefix("sqlite:") {
            var path = String(trimmed.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw bad("the sqlite: URL has no file path") }
            self = .sqlite(path: path)
            return
        }
        guard trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") else {
            let scheme = trimmed.split(separator: ":", maxSplits: 1).first.map(String.init) ?? trimmed
            throw bad(trimmed.isEmpty ? "it is empty" : "unsupported scheme '\(scheme)'")
        }
        guard let components = URLComponents(string: trimmed) else { throw bad("not a valid URL") }
        guard let host = components.host, !host.isEmpty else { throw bad("the postgres URL has no host") }
        guard let user = components.user, !user.isEmpty else { throw bad("the postgres URL has no user name") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw bad("the postgres URL has no database name (…/DBNAME)") }
        if let port = components.port, !(1...65535).contains(port) { throw bad("port \(port) is out of range") }
        var tls = PostgresLocation.TLSMode.disable
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = PostgresLocation.TLSMode(rawValue: value) else {
                    throw bad("sslmode must be disable or require")
                }
                tls = mode
            default:
                throw bad("unknown query parameter '\(item.name)'")
            }
        }
        self = .postgres(
            PostgresLocation(
                host: host, port: components.port ?? 5432,
                username: user.removingPercentEncoding ?? user,
                password: components.password.map { $0.removingPercentEncoding ?? $0 },
                database: database.removingPercentEncoding ?? database, tls: tls
            ))
    }

    /// A form safe for logs and errors: the password is never shown.
    package var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .sqliteMemory: "sqlite::memory:"
        case .postgres(let p):
            "postgres://\(p.username)\(p.password == nil ? "" : ":***")@\(p.host):\(p.port)/\(p.database)?sslmode=\(p.tls.rawValue)"
        }
    }

    package var dialect: SQLDialectKind {
        switch self {
        case .sqlite, .sqliteMemory: .sqlite
        case .postgres: .postgres
        }
    }
}
