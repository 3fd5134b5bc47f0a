import BrokleCore
import Foundation
import SQLKit

/// Reads traces back: filtered, ordered by (started_at, id), paged with a stable cursor, with their
/// attempts on request; and the newest ones for `--follow`.
package struct TraceQueryStore: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    /// A trace as read, with the tenancy slugs and key public id resolved where they still exist.
    package struct StoredTrace: Sendable {
        package var record: TraceRecord
        package var org: String?
        package var project: String?
        package var environment: String?
        package var keyPublicID: String?
        /// Where paging continues after this trace.
        package var cursor: TraceCursor
        /// Its place in the order traces were stored (`trace_rows.seq`), which `--follow` reads by.
        package var seq: Int64 = 0
    }

    package enum Order: String, Sendable, CaseIterable { case asc, desc }

    static let columns: SQLQueryString = """
        t.id, t.organization_id, t.project_id, t.environment_id, t.api_key_id, t.endpoint, t.model_requested, t.provider,
        t.model_served, t.status, t.http_status, t.error_type, t.error_message, t.stream, t.attempts, t.fallback, t.cache_hit,
        t.latency_ms, t.ttft_ms, t.overhead_ms, t.tokens_in, t.tokens_out, t.tokens_cached, t.tokens_cache_write,
        t.tokens_reasoning, t.cost_nanousd, t.cost_status, t.started_at, t.finished_at, t.cache_result, t.cache_similarity,
        t.saved_tokens_in, t.saved_tokens_out, t.saved_nanousd, t.cache_embed_nanousd, t.guardrails,
        t.end_user, t.session_id, t.tags, t.metadata, t.seq, t.attempt_latency_ms, t.attempt_started_at,
        o.slug AS org_slug, p.slug AS project_slug, e.slug AS env_slug, k.public_id AS key_public_id
        """

    package func query(
        _ filter: TraceFilter, order: Order, limit: Int, after cursor: TraceCursor?, withAttempts: Bool
    ) async throws(BrokleError) -> [StoredTrace] {
        try await database.call("query traces") {
            var traces = try await database.sql.raw(listing(filter, order: order, limit: limit, after: cursor)).all().map(decode)
            if withAttempts { try await attachAttempts(&traces) }
            return traces
        }
    }

    /// The statement behind ``query(_:order:limit:after:withAttempts:)`` (its plan is checked in tests).
    func listing(_ filter: TraceFilter, order: Order, limit: Int, after cursor: TraceCursor?) -> SQLQueryString {
        var clause = filter.whereClause(database.dialect)
        if let cursor {
            let at = Date(timeIntervalSince1970: cursor.startedAt)
            clause =
                order == .asc
                ? clause + " AND (t.started_at > \(bind: at) OR (t.started_at = \(bind: at) AND t.id > \(bind: cursor.id)))"
                : clause + " AND (t.started_at < \(bind: at) OR (t.started_at = \(bind: at) AND t.id < \(bind: cursor.id)))"
        }
        let direction: SQLQueryString = order == .asc ? "ASC" : "DESC"
        return """
            SELECT \(Self.columns) FROM traces t \(filter.joins(tenancy: true, key: true)) \(clause)
            ORDER BY t.started_at \(direction), t.id \(direction) LIMIT \(bind: limit)
            """
    }

    /// Traces stored after the one numbered `seq` (and, with `through`, up to that one), oldest
    /// first, for `--follow`: read along the insertion order (`trace_rows.seq`), not a time.
    package func stored(after seq: Int64, through: Int64? = nil, _ filter: TraceFilter, limit: Int) async throws(BrokleError)
        -> [StoredTrace]
    {
        try await database.call("follow traces") {
            try await database.sql.raw(following(after: seq, through: through, filter, limit: limit)).all().map(decode)
        }
    }

    /// The statement behind ``stored(after:through:_:limit:)`` (its plan is checked in tests).
    func following(after seq: Int64, through: Int64?, _ filter: TraceFilter, limit: Int) -> SQLQueryString {
        let upper: SQLQueryString = through.map { " AND t.seq <= \(bind: $0)" } ?? ""
        return """
            SELECT \(Self.columns) FROM traces t \(filter.joins(tenancy: true, key: true))
            \(filter.whereClause(database.dialect)) AND t.seq > \(bind: seq)\(upper)
            ORDER BY t.seq ASC LIMIT \(bind: limit)
            """
    }

    /// The number of the last trace stored (0 when none): what `--follow` starts after. On
    /// PostgreSQL the sequence's last value, which a transaction still open may hold too.
    package func lastStored() async throws(BrokleError) -> Int64 {
        try await database.call("find the newest trace") {
            let sql: SQLQueryString =
                database.dialect == .postgres
                ? "SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM trace_rows_seq"
                : "SELECT coalesce(max(seq), 0) AS n FROM trace_rows"
            return try await database.sql.raw(sql).first()?.decode(column: "n", as: Int64.self) ?? 0
        }
    }

    func decode(_ row: any SQLRow) throws -> StoredTrace {
        let startedAt = try row.decode(column: "started_at", as: Date.self)
        // The cursor keeps the stored value exactly: SQLite holds REAL seconds, PostgreSQL microseconds.
        let startedSeconds =
            database.dialect == .sqlite
            ? try row.decode(column: "started_at", as: Double.self) : startedAt.timeIntervalSince1970
        var record = TraceRecord(
            id: try row.decode(column: "id", as: String.self),
            organizationID: try row.decode(column: "organization_id", as: String.self),
            projectID: try row.decode(column: "project_id", as: String.self),
            environmentID: try row.decode(column: "environment_id", as: String.self),
            apiKeyID: try row.decode(column: "api_key_id", as: String.self),
            endpoint: try row.decode(column: "endpoint", as: String.self),
            modelRequested: try row.decode(column: "model_requested", as: String.self),
            provider: try row.decode(column: "provider", as: String?.self),
            modelServed: try row.decode(column: "model_served", as: String?.self),
            status: TraceRecord.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .error,
            httpStatus: try row.decode(column: "http_status", as: Int?.self),
            errorType: try row.decode(column: "error_type", as: String?.self),
            errorMessage: try row.decode(column: "error_message", as: String?.self),
            stream: try row.decode(column: "stream", as: Bool.self),
            attempts: try row.decode(column: "attempts", as: Int.self),
            fallback: try row.decode(column: "fallback", as: Bool.self),
            cacheHit: try row.decode(column: "cache_hit", as: Bool.self),
            cacheResult: try row.decode(column: "cache_result", as: String?.self),
            cacheSimilarity: try row.decode(column: "cache_similarity", as: Double?.self),
            savedTokensIn: try row.decode(column: "saved_tokens_in", as: Int?.self),
            savedTokensOut: try row.decode(column: "saved_tokens_out", as: Int?.self),
            savedNanoUSD: try row.decode(column: "saved_nanousd", as: Int64?.self),
            cacheEmbedNanoUSD: try row.decode(column: "cache_embed_nanousd", as: Int64?.self),
            latencyMs: try row.decode(column: "latency_ms", as: Double.self),
            ttftMs: try row.decode(column: "ttft_ms", as: Double?.self),
            overheadMs: try row.decode(column: "overhead_ms", as: Double?.self),
            tokensIn: try row.decode(column: "tokens_in", as: Int.self),
            tokensOut: try row.decode(column: "tokens_out", as: Int.self),
            tokensCached: try row.decode(column: "tokens_cached", as: Int.self),
            tokensCacheWrite: try row.decode(column: "tokens_cache_write", as: Int.self),
            tokensReasoning: try row.decode(column: "tokens_reasoning", as: Int.self),
            costNanoUSD: try row.decode(column: "cost_nanousd", as: Int64?.self),
            costStatus: try row.decode(column: "cost_status", as: String?.self),
            startedAt: startedAt,
            finishedAt: try row.decode(column: "finished_at", as: Date.self),
            attemptRecords: []
        )
        record.guardrails = try row.decode(column: "guardrails", as: String?.self)
        record.endUser = try row.decode(column: "end_user", as: String?.self)
        record.sessionID = try row.decode(column: "session_id", as: String?.self)
        record.tags = try row.decode(column: "tags", as: String?.self).flatMap(Self.tags)
        record.metadata = try row.decode(column: "metadata", as: String?.self)
        if let latency = try row.decode(column: "attempt_latency_ms", as: Double?.self) {
            record.attemptRecords = [
                Self.inlineAttempt(of: record, latencyMs: latency, startedAt: try row.decode(column: "attempt_started_at", as: Date.self))
            ]
        }
        return StoredTrace(
            record: record, org: try row.decode(column: "org_slug", as: String?.self),
            project: try row.decode(column: "project_slug", as: String?.self),
            environment: try row.decode(column: "env_slug", as: String?.self),
            keyPublicID: try row.decode(column: "key_public_id", as: String?.self),
            cursor: TraceCursor(startedAt: startedSeconds, id: record.id),
            seq: try row.decode(column: "seq", as: Int64.self)
        )
    }

    /// The one attempt a trace keeps in its own row (migration 0016): the trace's provider, model,
    /// status, error, tokens and cost, with its own latency and start.
    static func inlineAttempt(of t: TraceRecord, latencyMs: Double, startedAt: Date) -> TraceAttemptRecord {
        TraceAttemptRecord(
            attempt: 1, provider: t.provider ?? "", model: t.modelServed ?? "", status: t.status, httpStatus: t.httpStatus,
            errorType: t.errorType, errorMessage: t.errorMessage, latencyMs: latencyMs, tokensIn: t.tokensIn,
            tokensOut: t.tokensOut, costNanoUSD: t.costNanoUSD, startedAt: startedAt)
    }

    /// `traces.tags` (a JSON array of strings) as a list; nil when it is not one.
    static func tags(_ json: String) -> [String]? {
        try? JSONDecoder().decode([String].self, from: Data(json.utf8))
    }

    /// Reads the stored attempts (`trace_attempt_rows`) of the traces that have no inline one.
    func attachAttempts(_ traces: inout [StoredTrace]) async throws {
        let keys = traces.filter { $0.record.attemptRecords.isEmpty }.map { Data(TraceKey.bytes($0.record.id)) }
        guard !keys.isEmpty else { return }
        let rows = try await database.sql.select()
            .columns(
                "trace_id", "attempt", "provider", "model", "status", "http_status", "error_type", "error_message",
                "latency_ms", "tokens_in", "tokens_out", "cost_nanousd", "started_at"
            )
            .from("trace_attempt_rows")
            .where(SQLIdentifier("trace_id"), .in, keys)
            .orderBy("attempt")
            .all()
        var byTrace: [String: [TraceAttemptRecord]] = [:]
        for row in rows {
            byTrace[TraceKey.id(try row.decode(column: "trace_id", as: Data.self)), default: []].append(
                TraceAttemptRecord(
                    attempt: try row.decode(column: "attempt", as: Int.self),
                    provider: try row.decode(column: "provider", as: String.self),
                    model: try row.decode(column: "model", as: String.self),
                    status: TraceRecord.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .error,
                    httpStatus: try row.decode(column: "http_status", as: Int?.self),
                    errorType: try row.decode(column: "error_type", as: String?.self),
                    errorMessage: try row.decode(column: "error_message", as: String?.self),
                    latencyMs: try row.decode(column: "latency_ms", as: Double.self),
                    tokensIn: try row.decode(column: "tokens_in", as: Int.self),
                    tokensOut: try row.decode(column: "tokens_out", as: Int.self),
                    costNanoUSD: try row.decode(column: "cost_nanousd", as: Int64?.self),
                    startedAt: try row.decode(column: "started_at", as: Date.self)
                ))
        }
        for index in traces.indices where traces[index].record.attemptRecords.isEmpty {
            traces[index].record.attemptRecords = byTrace[traces[index].record.id] ?? []
        }
    }
}
