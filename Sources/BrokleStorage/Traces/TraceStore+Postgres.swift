import BrokleCore
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
        mutating func bind(bytes value: [UInt8]) { values.append(ByteBuffer(bytes: value)) }
    }
}
