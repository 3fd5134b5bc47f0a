import Foundation
import SQLKit

/// Writes traces and their attempts in batches: one multi-row INSERT per table per batch, in one
/// transaction with their hourly totals, skipping ids that are already stored (so a replayed batch
/// is harmless).
public struct TraceStore: Sendable {
    public let database: Database

    public init(_ database: Database) {
        self.database = database
    }

    /// Rows per INSERT statement: 35 columns × 500 stays far below both databases' bind limits.
    static let batchSize = 500

    static let traceColumns = [
        "id", "organization_id", "project_id", "environment_id", "api_key_id", "endpoint", "model_requested",
        "provider", "model_served", "status", "http_status", "error_type", "error_message", "stream", "attempts",
        "fallback", "cache_hit", "latency_ms", "ttft_ms", "overhead_ms", "tokens_in", "tokens_out", "tokens_cached",
        "tokens_cache_write", "tokens_reasoning", "cost_nanousd", "cost_status", "started_at", "finished_at", "cache_result",
        "cache_similarity", "saved_tokens_in", "saved_tokens_out", "saved_nanousd", "cache_embed_nanousd",
    ]

    static let attemptColumns = [
        "trace_id", "attempt", "provider", "model", "status", "http_status", "error_type", "error_message",
        "latency_ms", "tokens_in", "tokens_out", "cost_nanousd", "started_at",
    ]

    /// Inserts `traces` (any count; split into batches). Returns how many were new.
    @discardableResult
    /// `timeout` bounds each batch's transaction (the database's default when nil).
    public func insert(_ traces: [TraceRecord], timeout: Duration? = nil) async throws(BrokleError) -> Int {
        var inserted = 0
        var start = 0
        while start < traces.count {
            let batch = Array(traces[start..<min(start + Self.batchSize, traces.count)])
            inserted += try await insertBatch(batch, timeout: timeout)
            start += Self.batchSize
        }
        return inserted
    }

    private func insertBatch(_ batch: [TraceRecord], timeout: Duration?) async throws(BrokleError) -> Int {
        // A client may resend its own x-brokle-request-id: the first trace of an id is kept, and
        // ids already stored are skipped by the insert itself, so the batch never fails on them.
        var seen = Set<String>()
        let unique = batch.filter { seen.insert($0.id).inserted }
        return try await database.write("store \(batch.count) traces", timeout: timeout) { sql in
            var insert = sql.insert(into: "traces").columns(Self.traceColumns)
            for trace in unique { insert = insert.values(Self.values(trace)) }
            let stored = Set(
                try await insert.ignoringConflicts(with: "id").returning("id").all()
                    .map { try $0.decode(column: "id", as: String.self) })
            let fresh = unique.filter { stored.contains($0.id) }
            guard !fresh.isEmpty else { return 0 }
            try await UsageRollup.add(fresh, on: sql)
            let attempts = fresh.flatMap { trace in trace.attemptRecords.map { (trace.id, $0) } }
            var start = 0
            while start < attempts.count {
                var insertAttempts = sql.insert(into: "trace_attempts").columns(Self.attemptColumns)
                for (traceID, attempt) in attempts[start..<min(start + Self.batchSize, attempts.count)] {
                    insertAttempts = insertAttempts.values(Self.values(attempt, traceID: traceID))
                }
                try await insertAttempts.run()
                start += Self.batchSize
            }
            return fresh.count
        }
    }

    static func values(_ t: TraceRecord) -> [any Encodable & Sendable] {
        [
            t.id, t.organizationID, t.projectID, t.environmentID, t.apiKeyID, t.endpoint, t.modelRequested,
            t.provider, t.modelServed, t.status.rawValue, t.httpStatus, t.errorType, t.errorMessage, t.stream, t.attempts,
            t.fallback, t.cacheHit, t.latencyMs, t.ttftMs, t.overheadMs, t.tokensIn, t.tokensOut, t.tokensCached,
            t.tokensCacheWrite, t.tokensReasoning, t.costNanoUSD, t.costStatus, t.startedAt, t.finishedAt, t.cacheResult,
            t.cacheSimilarity, t.savedTokensIn, t.savedTokensOut, t.savedNanoUSD, t.cacheEmbedNanoUSD,
        ]
    }

    static func values(_ a: TraceAttemptRecord, traceID: String) -> [any Encodable & Sendable] {
        [
            traceID, a.attempt, a.provider, a.model, a.status.rawValue, a.httpStatus, a.errorType, a.errorMessage,
            a.latencyMs, a.tokensIn, a.tokensOut, a.costNanoUSD, a.startedAt,
        ]
    }

    /// Number of stored traces whose id starts with `prefix` (seed bookkeeping, tests).
    public func count(idPrefix prefix: String) async throws(BrokleError) -> Int {
        try await database.call("count traces") {
            try await database.count("SELECT count(*) AS n FROM traces WHERE id LIKE \(bind: prefix + "%")")
        }
    }
}
