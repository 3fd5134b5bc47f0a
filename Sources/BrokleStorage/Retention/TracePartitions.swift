import BrokleCore
import Foundation
import SQLKit

/// The day partitions of `trace_rows`, `trace_attempt_rows` and `trace_contents` on PostgreSQL (migration
/// 0011): `<table>_pYYYYMMDD` covers that UTC day, `<table>_default` whatever no day covers.
///
/// Creating or dropping a partition locks its parent table for a moment; each runs with a short
/// `lock_timeout`, so one stuck behind a long reader gives up (and is tried on the next prune)
/// instead of queueing every trace insert behind it for long. A drop that gives up fails the
/// prune before any batch runs, so a day meant to be dropped is never deleted row by row.
struct TracePartitions {
    static let tables = ["trace_rows", "trace_attempt_rows", "trace_contents"]
    static let lockTimeout = "2s"

    let database: Database
    let timeout: Duration

    struct Partition: Equatable {
        var table: String
        var day: Date
        var name: String { TracePartitions.name(table, day: day) }
    }

    /// Whether `trace_rows` is partitioned here (always, since migration 0016 made it so).
    func arePartitioned() async throws(BrokleError) -> Bool {
        let database = self.database
        return try await database.call("read trace partitions", timeout: timeout) {
            try await database.count(
                "SELECT count(*) AS n FROM pg_class WHERE relname = 'trace_rows' AND relkind = 'p' AND relnamespace = current_schema()::regnamespace"
            ) > 0
        }
    }

    /// The day partitions that exist now.
    func existing() async throws(BrokleError) -> [Partition] {
        let database = self.database
        let names = try await database.call("read trace partitions", timeout: timeout) {
            try await database.sql.raw(
                """
                SELECT c.relname AS name, p.relname AS parent FROM pg_inherits i
                JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
                WHERE p.relname IN ('trace_rows', 'trace_attempt_rows', 'trace_contents') AND p.relnamespace = current_schema()::regnamespace
                """
            ).all().map { (try $0.decode(column: "parent", as: String.self), try $0.decode(column: "name", as: String.self)) }
        }
        return names.compactMap { parent, name in Self.day(of: name, table: parent).map { Partition(table: parent, day: $0) } }
    }

    /// Creates the partitions of today and the next `days` days that are missing; their names.
    /// A day whose rows already sit in the DEFAULT partition cannot get its own (PostgreSQL refuses):
    /// it is left there, and its rows are pruned in batches.
    func createAhead(days: Int, now: Date = Date()) async throws(BrokleError) -> [String] {
        let have = Set(try await existing().map(\.name))
        let today = Self.utc.startOfDay(for: now)
        var created: [String] = []
        for offset in 0...max(0, days) {
            let day = today.addingTimeInterval(Double(offset) * 86_400)
            for table in Self.tables where !have.contains(Self.name(table, day: day)) {
                let name = Self.name(table, day: day)
                // Identifiers and bounds come from a date formatted here, never from input: DDL takes no binds.
                let ddl = """
                    CREATE TABLE IF NOT EXISTS \(name) PARTITION OF \(table) FOR VALUES FROM ('\(Self.bound(day))') \
                    TO ('\(Self.bound(day.addingTimeInterval(86_400)))')
                    """
                do {
                    try await locked(ddl, what: "create partition \(name)")
                    created.append(name)
                } catch {
                    // Another instance made it first (conflict), or the DEFAULT partition holds
                    // rows of that day, or the lock did not come in time: the next prune tries again.
                    if error.kind != .database && error.kind != .conflict { throw error }
                }
            }
        }
        return created
    }

    /// The partitions whose whole day is past every organization's cut of their table.
    func droppable(_ cuts: PruneCuts) async throws(BrokleError) -> [Partition] {
        try await existing().filter { partition in
            let cut = partition.table == "trace_contents" ? cuts.contents.everyRowBefore : cuts.traces.everyRowBefore
            guard let cut else { return false }
            return partition.day.addingTimeInterval(86_400) <= cut
        }.sorted { ($0.day, $0.table) < ($1.day, $1.table) }
    }

    /// Drops the droppable partitions, adding their rows to `report`.
    func drop(_ cuts: PruneCuts, into report: inout TracePruner.Report) async throws(BrokleError) {
        let database = self.database
        for partition in try await droppable(cuts) {
            let name = partition.name
            let rows = try await database.write("drop partition \(name)", timeout: timeout) { sql -> Int? in
                try await sql.raw("SET LOCAL lock_timeout = '\(unsafeRaw: Self.lockTimeout)'").run()
                // Another instance pruning at the same moment may have dropped it already.
                let exists = try await sql.raw("SELECT to_regclass(\(bind: name)) IS NOT NULL AS e").first()?.decode(
                    column: "e", as: Bool.self)
                guard exists == true else { return nil }
                let rows = try await database.count("SELECT count(*) AS n FROM \(unsafeRaw: name)", on: sql)
                try await sql.raw("DROP TABLE IF EXISTS \(unsafeRaw: name)").run()
                return rows
            }
            guard let rows else { continue }
            switch partition.table {
            case "trace_rows": report.traces += rows
            case "trace_attempt_rows": report.attempts += rows
            default: report.contents += rows
            }
            report.partitionsDropped.append(name)
        }
    }

    private func locked(_ ddl: String, what: String) async throws(BrokleError) {
        try await database.write(what, timeout: timeout) { sql in
            try await sql.raw("SET LOCAL lock_timeout = '\(unsafeRaw: Self.lockTimeout)'").run()
            try await sql.raw("\(unsafeRaw: ddl)").run()
        }
    }

    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// `trace_rows_p20261207`.
    static func name(_ table: String, day: Date) -> String {
        let parts = utc.dateComponents([.year, .month, .day], from: day)
        return "\(table)_p" + String(format: "%04d%02d%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// The day of partition `name` of `table`; nil for the DEFAULT partition and anything else.
    static func day(of name: String, table: String) -> Date? {
        let prefix = "\(table)_p"
        guard name.hasPrefix(prefix) else { return nil }
        let digits = name.dropFirst(prefix.count)
        guard digits.count == 8, let number = Int(digits) else { return nil }
        return utc.date(from: DateComponents(year: number / 10_000, month: number / 100 % 100, day: number % 100))
    }

    /// `2026-12-07 00:00:00+00`.
    static func bound(_ day: Date) -> String {
        let parts = utc.dateComponents([.year, .month, .day], from: day)
        return String(format: "%04d-%02d-%02d 00:00:00+00", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
