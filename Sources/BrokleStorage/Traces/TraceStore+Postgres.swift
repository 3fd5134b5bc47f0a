import BrokleCore
import Foundation
import Logging
import PostgresNIO

/// The trace writer's statements on PostgreSQL, run on the transaction's own connection. A batch's
/// rows go as one array a column in PostgresNIO's binary format (text, int8, float8, bool,
/// timestamptz, bytea; ``PostgresColumn``), unnested by the server: `INSERT … SELECT * FROM
/// unnest($1, $2, …)`. A multi-row VALUES of 1,000 rows — 13,000 parameters for a rollup — took
/// the server over twice as long to parse and plan as the same rows unnested (measured).
struct PostgresTraceStatements: TraceStatements {
    let connection: PostgresConnection
    let logger: Logger

    /// A flush's rows in one statement: a column's array of 10,000 values is a few hundred KB at most.
    static let maximumRows = 10_000
    /// The protocol's limit: a parameter count is a UInt16 (one a column here).
    static let maximumBinds = 65_535

    static func rows(columns: Int) -> Int { maximumRows }

    static func insert(into table: String, _ columns: [String], rows: Int) -> String {
        "INSERT INTO \(table) (\(columns.joined(separator: ", "))) SELECT * FROM unnest("
            + (1...columns.count).map { placeholder($0) }.joined(separator: ", ") + ")"
    }

    static func namesSelect(rows: Int) -> String { "SELECT ref, name FROM trace_names WHERE name = ANY($1)" }

    /// A replayed trace (a spill file ingested again) has the same started_at, so it is still skipped.
    static let traceKey = "id, started_at"
    static let contentKey = "trace_id, started_at"

    static func placeholder(_ index: Int) -> String { "$\(index)" }

    func run(_ sql: String, _ binds: Binds) async throws {
        _ = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds.values), logger: logger).collect()
    }

    func ids(_ sql: String, _ binds: Binds) async throws -> [String] {
        var ids: [String] = []
        for try await key in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds.values), logger: logger)
            .decode(ByteBuffer.self)
        {
            ids.append(TraceKey.id(key.readableBytesView))
        }
        return ids
    }

    func names(_ sql: String, _ binds: Binds) async throws -> [(String, Int)] {
        var names: [(String, Int)] = []
        for try await (ref, name) in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds.values), logger: logger)
            .decode((Int, String).self)
        {
            names.append((name, ref))
        }
        return names
    }

    /// The same id stored with another start (a client resending its x-brokle-request-id, `brokle
    /// seed` run again): the unique key holds started_at, so the ids are looked up in the days
    /// around the batch's — a few partitions, through their primary keys. A resend more than a day
    /// away from the first is stored as a trace of its own.
    func storedElsewhen(_ traces: [TraceRecord]) async throws -> Set<String> {
        guard let first = traces.map(\.startedAt).min(), let last = traces.map(\.startedAt).max() else { return [] }
        var binds = PostgresBindings(capacity: 3)
        binds.append(traces.map { ByteBuffer(bytes: TraceKey.bytes($0.id)) })
        binds.append(first.addingTimeInterval(-Self.resendWindow))
        binds.append(last.addingTimeInterval(Self.resendWindow))
        var stored = Set<String>()
        let sql = "SELECT id FROM trace_rows WHERE id = ANY($1) AND started_at >= $2 AND started_at <= $3"
        for try await key in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
            .decode(ByteBuffer.self)
        {
            stored.insert(TraceKey.id(key.readableBytesView))
        }
        return stored
    }

    static let resendWindow: TimeInterval = 86_400

    /// The values of a statement's rows, bound row by row, kept a column each.
    struct Binds: TraceBinds {
        private var columns: [PostgresColumn]
        private var next = 0

        init(rows: Int, columns: Int) {
            self.columns = (0..<columns).map { _ in PostgresColumn(capacity: rows) }
        }

        var values: PostgresBindings {
            var bindings = PostgresBindings(capacity: columns.count)
            for column in columns { bindings.append(column) }
            return bindings
        }

        private mutating func append<Value: PostgresArrayEncodable & PostgresNonThrowingEncodable>(_ value: Value?) {
            columns[next].append(value)
            next = next + 1 == columns.count ? 0 : next + 1
        }

        mutating func bind(_ value: String) { append(value) }
        mutating func bind(_ value: String?) { append(value) }
        mutating func bind(_ value: Int) { append(value) }
        mutating func bind(_ value: Int?) { append(value) }
        mutating func bind(_ value: Int64?) { append(value) }
        mutating func bind(_ value: Double) { append(value) }
        mutating func bind(_ value: Double?) { append(value) }
        mutating func bind(_ value: Bool) { append(value) }
        mutating func bind(_ value: Date) { append(value) }
        mutating func bind(bytes value: [UInt8]) { append(ByteBuffer(bytes: value)) }
    }
}
