import BrokleCore
import Foundation
import SQLKit

/// SQLite's `usage_identity_daily` (migration 0019): rolled from `usage_identity_hourly` once an hour
/// is over, instead of upserted with every batch. The mark (`identity_daily_rolled`) says which
/// hours are in: the daily rows hold every stored trace that started before it and none after.
/// A writer adds a late trace (from before the mark) to its day directly, and rolls the hours from
/// the mark to its batch's latest — in the batch's transaction, so with SQLite's one writer at a
/// time the mark never races. PostgreSQL has no mark: its writers upsert the daily rows themselves.
enum IdentityDailyRoll {
    static let select = "SELECT hour_start FROM identity_daily_rolled WHERE id = 1"
    static let move = "UPDATE identity_daily_rolled SET hour_start = ? WHERE id = 1"

    /// Sums the hourly rows of [?, ?) into their days.
    static var roll: String {
        let daily = IdentityRollup.Table.daily
        return """
            INSERT INTO \(daily.name) (\(daily.columns.joined(separator: ", ")))
            SELECT kind, CAST(hour_start / 86400 AS INTEGER) * 86400.0, org, project, environment, value, sum(requests),
                   sum(errors), sum(tokens_in), sum(tokens_out), sum(tokens_cached), sum(cost_nanousd), sum(unpriced_requests)
            FROM \(IdentityRollup.Table.hourly.name) WHERE hour_start >= ? AND hour_start < ?
            GROUP BY 1, 2, 3, 4, 5, 6
            """ + daily.upsert
    }

    /// Said when the mark's row is missing (the schema is older than 0019).
    static let missing = "identity_daily_rolled has no row: run `brokle migrate up`"

    /// What a batch of `traces`, summed by hour into `hours`, does to the daily rows: the day
    /// groups it adds to directly — all of them without a mark (PostgreSQL), else those of hours
    /// already rolled (late traces) — and the hour it rolls them to, if past the mark: the start
    /// of its latest trace's hour, never past the hour of `now` (a trace from a clock ahead would
    /// leave the hours before it to be upserted one by one).
    static func batch(
        _ hours: [IdentityRollup.Group: UsageRollup.Totals], of traces: [TraceRecord], rolled: Date?, now: Date
    ) -> (direct: [IdentityRollup.Group: UsageRollup.Totals], rollTo: Date?) {
        let days = IdentityRollup.Table.daily.seconds
        guard let rolled else { return (UsageRollup.coarsened(hours, to: days), nil) }
        let direct = UsageRollup.coarsened(hours.filter { $0.key.bucket < rolled }, to: days)
        guard let latest = traces.lazy.map(\.startedAt).max() else { return (direct, nil) }
        let through = UsageRollup.floorHour(min(latest, now))
        return (direct, through > rolled ? through : nil)
    }

    /// The mark, on `sql` (inside the caller's transaction); nil on PostgreSQL.
    static func mark(on sql: any SQLDatabase, dialect: SQLDialectKind) async throws -> Date? {
        guard dialect == .sqlite else { return nil }
        guard let row = try await sql.raw("\(unsafeRaw: select)").first() else {
            throw BrokleError(.database, missing)
        }
        return try row.decode(column: "hour_start", as: Date.self)
    }
}
