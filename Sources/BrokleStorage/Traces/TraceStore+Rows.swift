import BrokleCore
import Foundation

/// Where one row's values go, in column order: a statement's bind list (``TraceBinds``), or a
/// prepared statement's parameters directly (``SQLiteRowBinder``).
protocol TraceRowSink {
    mutating func bind(_ value: String)
    mutating func bind(_ value: String?)
    mutating func bind(_ value: Int)
    mutating func bind(_ value: Int?)
    mutating func bind(_ value: Int64?)
    mutating func bind(_ value: Double)
    mutating func bind(_ value: Double?)
    mutating func bind(_ value: Bool)
    mutating func bind(_ value: Date)
}

/// Where a statement's values go, in the driver's own form — SQLite's `[SQLiteData]`, PostgresNIO's
/// `PostgresBindings` — so the trace writer binds tens of thousands of values per batch without
/// `Encodable` or an existential per value.
protocol TraceBinds: TraceRowSink {
    init(capacity: Int)
}

/// The rows the trace writer inserts: their columns, and their values in that order.
enum TraceRows {
    static let traceColumns = [
        "id", "organization_id", "project_id", "environment_id", "api_key_id", "endpoint", "model_requested",
        "provider", "model_served", "status", "http_status", "error_type", "error_message", "stream", "attempts",
        "fallback", "cache_hit", "latency_ms", "ttft_ms", "overhead_ms", "tokens_in", "tokens_out", "tokens_cached",
        "tokens_cache_write", "tokens_reasoning", "cost_nanousd", "cost_status", "started_at", "finished_at", "cache_result",
        "cache_similarity", "saved_tokens_in", "saved_tokens_out", "saved_nanousd", "cache_embed_nanousd",
        "guardrails", "end_user", "session_id", "tags", "metadata",
    ]

    static let attemptColumns = [
        "trace_id", "attempt", "provider", "model", "status", "http_status", "error_type", "error_message",
        "latency_ms", "tokens_in", "tokens_out", "cost_nanousd", "started_at",
    ]

    static func bind<B: TraceRowSink>(_ t: TraceRecord, into b: inout B) {
        b.bind(t.id)
        b.bind(t.organizationID)
        b.bind(t.projectID)
        b.bind(t.environmentID)
        b.bind(t.apiKeyID)
        b.bind(t.endpoint)
        b.bind(t.modelRequested)
        b.bind(t.provider)
        b.bind(t.modelServed)
        b.bind(t.status.rawValue)
        b.bind(t.httpStatus)
        b.bind(t.errorType)
        b.bind(t.errorMessage)
        b.bind(t.stream)
        b.bind(t.attempts)
        b.bind(t.fallback)
        b.bind(t.cacheHit)
        b.bind(t.latencyMs)
        b.bind(t.ttftMs)
        b.bind(t.overheadMs)
        b.bind(t.tokensIn)
        b.bind(t.tokensOut)
        b.bind(t.tokensCached)
        b.bind(t.tokensCacheWrite)
        b.bind(t.tokensReasoning)
        b.bind(t.costNanoUSD)
        b.bind(t.costStatus)
        b.bind(t.startedAt)
        b.bind(t.finishedAt)
        b.bind(t.cacheResult)
        b.bind(t.cacheSimilarity)
        b.bind(t.savedTokensIn)
        b.bind(t.savedTokensOut)
        b.bind(t.savedNanoUSD)
        b.bind(t.cacheEmbedNanoUSD)
        b.bind(t.guardrails)
        b.bind(t.endUser)
        b.bind(t.sessionID)
        b.bind(t.tags.map(RequestIdentity.tagsJSON))
        b.bind(t.metadata)
    }

    /// `trace_contents`: a trace's captured content, for the traces that have some.
    static let contentColumns = [
        "trace_id", "organization_id", "started_at", "mode", "request", "request_bytes", "response", "response_bytes",
    ]

    static func bind<B: TraceRowSink>(_ c: TraceContent, of t: TraceRecord, into b: inout B) {
        b.bind(t.id)
        b.bind(t.organizationID)
        b.bind(t.startedAt)
        b.bind(c.mode.rawValue)
        b.bind(c.request)
        b.bind(c.requestBytes)
        b.bind(c.response)
        b.bind(c.responseBytes)
    }

    static func bind<B: TraceRowSink>(_ a: TraceAttemptRecord, traceID: String, into b: inout B) {
        b.bind(traceID)
        b.bind(a.attempt)
        b.bind(a.provider)
        b.bind(a.model)
        b.bind(a.status.rawValue)
        b.bind(a.httpStatus)
        b.bind(a.errorType)
        b.bind(a.errorMessage)
        b.bind(a.latencyMs)
        b.bind(a.tokensIn)
        b.bind(a.tokensOut)
        b.bind(a.costNanoUSD)
        b.bind(a.startedAt)
    }
}
