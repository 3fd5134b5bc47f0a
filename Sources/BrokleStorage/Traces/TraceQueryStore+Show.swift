import BrokleCore
import Foundation
import SQLKit

extension TraceQueryStore {
    /// One trace whole, for `brokle trace show`: its row with tenancy slugs, every attempt, and what
    /// was asked and answered when its scope captured content (and content retention has not removed
    /// it yet). Nil when no trace has this id (never written, or pruned).
    package func trace(id: String) async throws(BrokleError) -> StoredTrace? {
        try await database.call("read the trace") {
            let row = try await database.sql.raw(showing(id: id)).first()
            guard let row else { return nil }
            var traces = [try decode(row)]
            try await attachAttempts(&traces)
            traces[0].record.content = try await content(of: id)
            return traces[0]
        }
    }

    /// The statement behind ``trace(id:)``: one row through the id's unique index (its plan is
    /// checked in tests).
    func showing(id: String) -> SQLQueryString {
        """
        SELECT \(Self.columns) FROM traces t \(TraceFilter().joins(tenancy: true, key: true))
        WHERE t.id_key = \(bind: Data(TraceKey.bytes(id)))
        """
    }

    /// The trace's row of `trace_contents`, if any.
    func content(of id: String) async throws -> TraceContent? {
        let row = try await database.sql.raw(
            "SELECT mode, request, request_bytes, response, response_bytes FROM trace_contents WHERE trace_id = \(bind: id)"
        ).first()
        guard let row else { return nil }
        return TraceContent(
            mode: ContentCapture(rawValue: try row.decode(column: "mode", as: String.self)) ?? .full,
            request: try row.decode(column: "request", as: String.self),
            requestBytes: try row.decode(column: "request_bytes", as: Int.self),
            response: try row.decode(column: "response", as: String?.self),
            responseBytes: try row.decode(column: "response_bytes", as: Int?.self))
    }
}
