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
    /// A blob (SQLite) or bytea (PostgreSQL): a trace's key (``TraceKey``).
    mutating func bind(bytes value: [UInt8])
}

/// Where a statement's values go, in the driver's own form — SQLite's `[SQLiteData]`, PostgresNIO's
/// `PostgresBindings` — so the trace writer binds tens of thousands of values per batch without
/// `Encodable` or an existential per value.
protocol TraceBinds: TraceRowSink {
    /// Room for `rows` rows of `columns` values, bound row by row.
    init(rows: Int, columns: Int)
}

/// The `trace_names` numbers of one trace's names, each looked up once.
struct TraceRowRefs {
    var organization, project, environment, key, endpoint, modelRequested: Int
    var provider, modelServed, errorType, costStatus: Int?

    init<E: Error>(_ t: TraceRecord, _ ref: (String) throws(E) -> Int) throws(E) {
        organization = try ref(t.organizationID)
        project = try ref(t.projectID)
        environment = try ref(t.environmentID)
        key = try ref(t.apiKeyID)
        endpoint = try ref(t.endpoint)
        modelRequested = try ref(t.modelRequested)
        provider = try t.provider.map(ref)
        modelServed = try t.modelServed.map(ref)
        errorType = try t.errorType.map(ref)
        costStatus = try t.costStatus.map(ref)
    }

    /// From numbers already read: `refs` must hold every name of `t`.
    init(_ t: TraceRecord, refs: TraceNameRefs) throws(BrokleError) {
        try self.init(t) { (name) throws(BrokleError) in
            guard let ref = refs[name] else { throw BrokleError(.internalError, "no trace_names number for a name of trace \(t.id)") }
            return ref
        }
    }
}

/// The rows the trace writer inserts (migration 0016): their columns, and their values in that order.
/// Names (tenancy ids, endpoint, models, provider, error type, cost status) are bound as their
/// `trace_names` numbers (``TraceRowRefs``).
enum TraceRows {
    static let traceColumns = [
        "id", "org", "project", "environment", "api_key", "endpoint", "model_requested", "provider", "model_served",
        "status", "http_status", "error_type", "error_message", "stream", "attempts", "fallback", "cache_hit", "latency_us",
        "ttft_us", "overhead_us", "tokens_in", "tokens_out", "tokens_cached", "tokens_cache_write", "tokens_reasoning",
        "cost_nanousd", "cost_status", "started_at", "cache_result", "cache_similarity", "saved_tokens_in",
        "saved_tokens_out", "saved_nanousd", "cache_embed_nanousd", "guardrails", "end_user", "session_id", "tags",
        "metadata", "attempt_latency_us", "attempt_offset_us",
    ]

    static let attemptColumns = [
        "trace_id", "attempt", "provider", "model", "status", "http_status", "error_type", "error_message",
        "latency_ms", "tokens_in", "tokens_out", "cost_nanousd", "started_at",
    ]

    static func bind<B: TraceRowSink>(_ t: TraceRecord, refs: TraceRowRefs, into b: inout B) {
        b.bind(bytes: TraceKey.bytes(t.id))
        b.bind(refs.organization)
        b.bind(refs.project)
        b.bind(refs.environment)
        b.bind(refs.key)
        b.bind(refs.endpoint)
        b.bind(refs.modelRequested)
        b.bind(refs.provider)
        b.bind(refs.modelServed)
        b.bind(statusCode(t.status))
        b.bind(t.httpStatus)
        b.bind(refs.errorType)
        b.bind(t.errorMessage)
        b.bind(t.stream)
        b.bind(t.attempts)
        b.bind(t.fallback)
        b.bind(t.cacheHit)
        b.bind(microseconds(t.latencyMs))
        b.bind(t.ttftMs.map(microseconds))
        b.bind(t.overheadMs.map(microseconds))
        b.bind(t.tokensIn)
        b.bind(t.tokensOut)
        b.bind(t.tokensCached)
        b.bind(t.tokensCacheWrite)
        b.bind(t.tokensReasoning)
        b.bind(t.costNanoUSD)
        b.bind(refs.costStatus)
        b.bind(t.startedAt)
        b.bind(t.cacheResult.flatMap(cacheResultCode))
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
        let inline = inlineAttempt(of: t)
        b.bind(inline.map { microseconds($0.latencyMs) })
        b.bind(inline.map { microseconds($0.startedAt.timeIntervalSince(t.startedAt) * 1000) })
    }

    /// The attempt kept in `t`'s own row: its only one, when it says nothing the trace does not
    /// (the view `trace_attempts` gives it back from the trace's columns).
    static func inlineAttempt(of t: TraceRecord) -> TraceAttemptRecord? {
        guard t.attemptRecords.count == 1, let a = t.attemptRecords.first, a.attempt == 1, a.provider == t.provider,
            a.model == t.modelServed, a.status == t.status, a.httpStatus == t.httpStatus, a.errorType == t.errorType,
            a.errorMessage == t.errorMessage, a.tokensIn == t.tokensIn, a.tokensOut == t.tokensOut,
            a.costNanoUSD == t.costNanoUSD, abs(a.startedAt.timeIntervalSince(t.startedAt)) < maximumInlineOffset
        else { return nil }
        return a
    }

    /// How far an inline attempt's start may be from its trace's: `attempt_offset_us` is a 32-bit
    /// integer of microseconds on PostgreSQL (a real attempt starts within the request's own time).
    static let maximumInlineOffset: TimeInterval = 1_800

    /// The attempts of `t` stored as rows of `trace_attempt_rows`: all but an inline one.
    static func storedAttempts(of t: TraceRecord) -> [TraceAttemptRecord] {
        inlineAttempt(of: t) == nil ? t.attemptRecords : []
    }

    static func microseconds(_ milliseconds: Double) -> Int { Int((milliseconds * 1000).rounded()) }

    static func statusCode(_ status: TraceRecord.Status) -> Int {
        switch status {
        case .ok: 0
        case .error: 1
        case .cancelled: 2
        }
    }

    static func cacheResultCode(_ result: String) -> Int? {
        switch result {
        case "hit_exact": 0
        case "hit_semantic": 1
        case "miss": 2
        case "bypass": 3
        default: nil
        }
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

    static func bind<B: TraceRowSink>(_ a: TraceAttemptRecord, traceKey: [UInt8], into b: inout B) {
        b.bind(bytes: traceKey)
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
