import Foundation
import Logging
import PostgresNIO

/// The trace writer's statements on PostgreSQL: values in PostgresNIO's binary `PostgresBindings`
/// (text, int8, float8, bool, timestamptz), run on the transaction's own connection.
struct PostgresTraceStatements: TraceStatements {
    let connection: PostgresConnection
    let logger: Logger

    /// The server parses a multi-row VALUES in one go; 1,000 rows keep a statement's message small.
    static let maximumRows = 1_000
    /// The protocol's limit: a parameter count is a UInt16.
    static let maximumBinds = 65_535

    /// A replayed trace (a spill file ingested again) has the same started_at, so it is still skipped.
    static let traceKey = "id, started_at"
    static let contentKey = "trace_id, started_at"

    static func placeholder(_ index: Int) -> String { "$\(index)" }

    func run(_ sql: String, _ binds: Binds) async throws {
        _ = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds.values), logger: logger).collect()
    }

    func ids(_ sql: String, _ binds: Binds) async throws -> [String] {
        var ids: [String] = []
        for try await id in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds.values), logger: logger)
            .decode(String.self)
        {
            ids.append(id)
        }
        return ids
    }

    struct Binds: TraceBinds {
        var values: PostgresBindings

        init(capacity: Int) { values = PostgresBindings(capacity: capacity) }

        mutating func bind(_ value: String) { values.append(value) }
        mutating func bind(_ value: String?) { values.append(value) }
        mutating func bind(_ value: Int) { values.append(value) }
        mutating func bind(_ value: Int?) { values.append(value) }
        mutating func bind(_ value: Int64?) { values.append(value) }
        mutating func bind(_ value: Double) { values.append(value) }
        mutating func bind(_ value: Double?) { values.append(value) }
        mutating func bind(_ value: Bool) { values.append(value) }
        mutating func bind(_ value: Date) { values.append(value) }
    }
}
