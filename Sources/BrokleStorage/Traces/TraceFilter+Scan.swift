import BrokleCore
import Foundation
import SQLKit

extension TraceFilter {
    /// Whether `since..<until` covers at least a quarter of the time the stored traces span. An
    /// aggregate over such a range reads most of the table: on SQLite a sequential scan of it takes
    /// a fraction of the time of walking `traces_started_idx` and looking every row up (measured
    /// over 1 M traces, 30 days: 0.4 s against 6.7 s). PostgreSQL's planner weighs this itself.
    func coversMostTraces(on database: Database) async throws(BrokleError) -> Bool {
        guard database.dialect == .sqlite else { return false }
        return try await database.call("size the report's range") {
            let oldest = try await database.sql.raw("SELECT min(started_at) AS at FROM trace_rows").first()?.decode(
                column: "at", as: Date?.self)
            guard let oldest else { return false }
            let now = Date()
            let from = max(since ?? oldest, oldest)
            let to = min(until ?? now, now)
            let span = now.timeIntervalSince(oldest)
            return span > 0 && to.timeIntervalSince(from) >= span / 4
        }
    }

    /// `t.started_at` where an index on it may be used; `+t.started_at` (SQLite's way of saying "not
    /// through an index") when the filter reads most of the table anyway.
    func startedAt(_ table: String, _ dialect: SQLDialectKind) -> SQLQueryString {
        dialect == .sqlite && readsMostOfTheTable ? "+\(unsafeRaw: table).started_at" : "\(unsafeRaw: table).started_at"
    }
}
