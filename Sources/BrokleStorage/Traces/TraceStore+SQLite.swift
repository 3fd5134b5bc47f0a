import BrokleCore
import Foundation
import NIOCore
import SQLiteNIO

/// The trace writer's statements on SQLite: values as `SQLiteData`, run by SQLiteNIO directly.
struct SQLiteTraceStatements: TraceStatements {
    let connection: SQLiteConnection

    /// SQLiteNIO prepares each statement anew (it has no API to keep a prepared statement), and
    /// preparing a multi-row INSERT grows faster than its rows past a few hundred: on SQLite 3.54,
    /// ~2 µs a row at 100 rows of 35 columns, ~5 µs at 900, ~15 µs at 5,000. The writer's CPU time
    /// was lowest at 64–256 rows a statement.
    static let maximumRows = 128
    /// SQLite's default SQLITE_MAX_VARIABLE_NUMBER.
    static let maximumBinds = 32_766

    static let traceKey = "id"
    static let contentKey = "trace_id"

    static func placeholder(_ index: Int) -> String { "?" }

    func run(_ sql: String, _ binds: Binds) async throws {
        try await connection.query(sql, binds.values) { _ in }
    }

    func ids(_ sql: String, _ binds: Binds) async throws -> [String] {
        try await connection.query(sql, binds.values).compactMap { row in
            row.column("id")?.blob.map { TraceKey.id($0.readableBytesView) }
        }
    }

    func names(_ sql: String, _ binds: Binds) async throws -> [(String, Int)] {
        try await connection.query(sql, binds.values).compactMap { row in
            guard let name = row.column("name")?.string, let ref = row.column("ref")?.integer else { return nil }
            return (name, ref)
        }
    }

    func dailyRolledThrough() async throws -> Date? {
        guard let seconds = try await connection.query(IdentityDailyRoll.select, []).first?.column("hour_start")?.double else {
            throw BrokleError(.database, IdentityDailyRoll.missing)
        }
        return Date(timeIntervalSince1970: seconds)
    }

    func rollDaily(from: Date, to: Date) async throws {
        try await connection.query(IdentityDailyRoll.roll, [.float(from.timeIntervalSince1970), .float(to.timeIntervalSince1970)]) { _ in }
        try await connection.query(IdentityDailyRoll.move, [.float(to.timeIntervalSince1970)]) { _ in }
    }

    struct Binds: TraceBinds {
        var values: [SQLiteData] = []

        init(rows: Int, columns: Int) { values.reserveCapacity(rows * columns) }

        mutating func bind(_ value: String) { values.append(.text(value)) }
        mutating func bind(_ value: String?) { values.append(value.map(SQLiteData.text) ?? .null) }
        mutating func bind(_ value: Int) { values.append(.integer(value)) }
        mutating func bind(_ value: Int?) { values.append(value.map(SQLiteData.integer) ?? .null) }
        mutating func bind(_ value: Int64?) { values.append(value.map { .integer(Int($0)) } ?? .null) }
        mutating func bind(_ value: Double) { values.append(.float(value)) }
        mutating func bind(_ value: Double?) { values.append(value.map(SQLiteData.float) ?? .null) }
        /// As SQLiteNIO stores a Bool: 1 or 0.
        mutating func bind(_ value: Bool) { values.append(.integer(value ? 1 : 0)) }
        /// As SQLiteNIO stores a Date: REAL seconds since 1970.
        mutating func bind(_ value: Date) { values.append(.float(value.timeIntervalSince1970)) }
        mutating func bind(bytes value: [UInt8]) { values.append(.blob(ByteBuffer(bytes: value))) }
    }
}
