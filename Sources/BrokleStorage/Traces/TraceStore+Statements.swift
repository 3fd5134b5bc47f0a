import BrokleCore
import Foundation

/// The statements of one trace-writing transaction, run on the driver's own connection with
/// natively bound values (see ``TraceBinds``): SQLite through SQLiteNIO, PostgreSQL through
/// PostgresNIO. SQLKit's generic path encodes every value through `Encodable` and an existential,
/// which at tens of thousands of values per batch was about half the writer's CPU time.
protocol TraceStatements {
    associatedtype Binds: TraceBinds
    /// Most rows one multi-row INSERT carries: within the database's bind limit, and (SQLite) small
    /// enough that preparing the statement stays cheap — SQLiteNIO prepares every statement anew.
    static var maximumRows: Int { get }
    /// Most values one statement may bind.
    static var maximumBinds: Int { get }
    /// The unique key of `trace_rows` an insert skips a stored trace on: `id`, or on PostgreSQL, whose
    /// day partitions need the partition key in every unique key, `id, started_at` (migration 0011).
    static var traceKey: String { get }
    /// The unique key of `trace_contents`, likewise.
    static var contentKey: String { get }
    /// The placeholder of the `index`th value (from 1).
    static func placeholder(_ index: Int) -> String
    /// Rows of `columns` values one statement takes.
    static func rows(columns: Int) -> Int
    /// `INSERT INTO table (columns) …` of `rows` rows, their values bound row by row in column order.
    static func insert(into table: String, _ columns: [String], rows: Int) -> String
    /// `SELECT ref, name FROM trace_names` of `rows` names, bound one by one.
    static func namesSelect(rows: Int) -> String
    /// Runs `sql` with `binds`.
    func run(_ sql: String, _ binds: Binds) async throws
    /// Runs `sql` (ending in `RETURNING id`, a trace key) with `binds`; the ids it returned.
    func ids(_ sql: String, _ binds: Binds) async throws -> [String]
    /// Runs `sql` (selecting `ref, name` from `trace_names`) with `binds`; the names' numbers.
    func names(_ sql: String, _ binds: Binds) async throws -> [(String, Int)]
    /// The ids of `traces` stored already that the insert's unique key would not catch (see
    /// ``traceKey``): none where the key is the id alone.
    func storedElsewhen(_ traces: [TraceRecord]) async throws -> Set<String>
    /// The mark of `usage_identity_daily` (``IdentityDailyRoll``), read in the transaction; nil
    /// where the daily rows are upserted with every batch (PostgreSQL).
    func dailyRolledThrough() async throws -> Date?
    /// Sums the hourly end-user and tag rows of [from, to) into their days and moves the mark to `to`.
    func rollDaily(from: Date, to: Date) async throws
}

extension TraceStatements {
    func storedElsewhen(_ traces: [TraceRecord]) async throws -> Set<String> { [] }
    func dailyRolledThrough() async throws -> Date? { nil }
    func rollDaily(from: Date, to: Date) async throws {}
}

extension TraceStatements {
    static func rows(columns: Int) -> Int { min(maximumRows, maximumBinds / columns) }

    static func namesSelect(rows: Int) -> String {
        "SELECT ref, name FROM trace_names WHERE name IN (" + (1...rows).map { placeholder($0) }.joined(separator: ", ") + ")"
    }

    /// `INSERT INTO table (columns) VALUES (…), (…)` for `rows` rows, placeholders numbered in order.
    static func insert(into table: String, _ columns: [String], rows: Int) -> String {
        var sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        sql.reserveCapacity(sql.utf8.count + rows * columns.count * 7)
        var index = 0
        for row in 0..<rows {
            sql += row == 0 ? "(" : ", ("
            for column in 0..<columns.count {
                index += 1
                if column > 0 { sql += ", " }
                sql += placeholder(index)
            }
            sql += ")"
        }
        return sql
    }

    /// Runs one multi-row statement per slice of `items` (as many rows as fit), each made by `sql`
    /// from its row count, with the rows' values bound by `bind`. With `bytes`, a slice also ends
    /// before its rows' bytes pass ``statementBytes`` (at least one row a statement): captured
    /// content can be megabytes a row.
    func inSlices<Item>(
        _ items: [Item], columns: Int, bytes: ((Item) -> Int)? = nil, sql: (Int) -> String, bind: (Item, inout Binds) -> Void,
        run: (String, Binds) async throws -> Void
    ) async throws {
        let rows = Self.rows(columns: columns)
        var start = 0
        while start < items.count {
            var end = min(start + rows, items.count)
            if let bytes {
                var total = bytes(items[start])
                var last = start + 1
                while last < end, total + bytes(items[last]) <= Self.statementBytes {
                    total += bytes(items[last])
                    last += 1
                }
                end = last
            }
            var binds = Binds(rows: end - start, columns: columns)
            for item in items[start..<end] { bind(item, &binds) }
            try await run(sql(end - start), binds)
            start = end
        }
    }

    /// Most bytes of values one statement carries when its rows say how many they hold.
    static var statementBytes: Int { 8 << 20 }
}
