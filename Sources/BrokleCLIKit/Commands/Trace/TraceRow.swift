import BrokleCore
import BrokleStorage
import Foundation

/// One trace as `brokle trace query` prints it. `cursor` continues a listing after this line
/// (`--after CURSOR`); `attempts_detail` is present with `--with-attempts`; `end_user`, `session_id`,
/// `tags` and `metadata` are present when the client sent them.
struct TraceRow: OutputRow {
    static let columns = [
        "started_at", "model", "provider", "status", "cache_result", "latency_ms", "tokens_in", "tokens_out", "cost_usd", "saved_usd", "id",
    ]

    struct Attempt: Encodable {
        var attempt: Int
        var provider: String
        var model: String
        var status: TraceRecord.Status
        @Nullable var httpStatus: Int?
        @Nullable var errorType: String?
        var latencyMs: Double
        enum CodingKeys: String, CodingKey {
            case attempt, provider, model, status, httpStatus = "http_status", errorType = "error_type", latencyMs = "latency_ms"
        }
    }

    var id: String
    var startedAt: Date
    var finishedAt: Date
    @Nullable var org: String?
    @Nullable var project: String?
    @Nullable var env: String?
    @Nullable var key: String?
    var endpoint: String
    var model: String
    @Nullable var provider: String?
    @Nullable var modelServed: String?
    var status: TraceRecord.Status
    @Nullable var httpStatus: Int?
    @Nullable var errorType: String?
    @Nullable var errorMessage: String?
    var stream: Bool
    var attempts: Int
    var fallback: Bool
    var cacheHit: Bool
    @Nullable var cacheResult: String?
    @Nullable var cacheSimilarity: Double?
    @Nullable var savedTokensIn: Int?
    @Nullable var savedTokensOut: Int?
    @Nullable var savedUSD: Decimal?
    @Nullable var cacheEmbedUSD: Decimal?
    var latencyMs: Double
    @Nullable var ttftMs: Double?
    @Nullable var overheadMs: Double?
    var tokensIn: Int
    var tokensOut: Int
    var tokensCached: Int
    var tokensCacheWrite: Int
    var tokensReasoning: Int
    @Nullable var costUSD: Decimal?
    @Nullable var costStatus: String?
    /// What guardrails did: `[{"direction","entity","action","count"}]`; null when none acted.
    @Nullable var guardrails: JSONValue?
    var endUser: String?
    var sessionID: String?
    var tags: [String]?
    /// The client's `x-brokle-metadata` object.
    var metadata: JSONValue?
    var attemptsDetail: [Attempt]?
    /// Where the next page starts (`--after`); absent in `trace show`.
    var cursor: String?

    enum CodingKeys: String, CodingKey {
        case id, startedAt = "started_at", finishedAt = "finished_at", org, project, env, key, endpoint, model, provider
        case modelServed = "model_served", status, httpStatus = "http_status", errorType = "error_type", errorMessage = "error_message"
        case stream, attempts, fallback, cacheHit = "cache_hit", cacheResult = "cache_result", cacheSimilarity = "cache_similarity"
        case savedTokensIn = "saved_tokens_in", savedTokensOut = "saved_tokens_out", savedUSD = "saved_usd"
        case cacheEmbedUSD = "cache_embed_usd", latencyMs = "latency_ms", ttftMs = "ttft_ms", overheadMs = "overhead_ms"
        case tokensIn = "tokens_in", tokensOut = "tokens_out", tokensCached = "tokens_cached", tokensCacheWrite = "tokens_cache_write"
        case tokensReasoning = "tokens_reasoning", costUSD = "cost_usd", costStatus = "cost_status", guardrails
        case endUser = "end_user", sessionID = "session_id", tags, metadata, attemptsDetail = "attempts_detail", cursor
    }

    init(_ stored: TraceQueryStore.StoredTrace, withAttempts: Bool) {
        let t = stored.record
        id = t.id
        startedAt = t.startedAt
        finishedAt = t.finishedAt
        org = stored.org
        project = stored.project
        env = stored.environment
        key = stored.keyPublicID
        endpoint = t.endpoint
        model = t.modelRequested
        provider = t.provider
        modelServed = t.modelServed
        status = t.status
        httpStatus = t.httpStatus
        errorType = t.errorType
        errorMessage = t.errorMessage
        stream = t.stream
        attempts = t.attempts
        fallback = t.fallback
        cacheHit = t.cacheHit
        cacheResult = t.cacheResult
        cacheSimilarity = t.cacheSimilarity
        savedTokensIn = t.savedTokensIn
        savedTokensOut = t.savedTokensOut
        savedUSD = t.savedNanoUSD.map { CostCalculator.usd(nano: $0) }
        cacheEmbedUSD = t.cacheEmbedNanoUSD.map { CostCalculator.usd(nano: $0) }
        latencyMs = t.latencyMs
        ttftMs = t.ttftMs
        overheadMs = t.overheadMs
        tokensIn = t.tokensIn
        tokensOut = t.tokensOut
        tokensCached = t.tokensCached
        tokensCacheWrite = t.tokensCacheWrite
        tokensReasoning = t.tokensReasoning
        costUSD = t.costNanoUSD.map { CostCalculator.usd(nano: $0) }
        costStatus = t.costStatus
        guardrails = t.guardrails.flatMap(Self.json)
        endUser = t.endUser
        sessionID = t.sessionID
        tags = t.tags
        metadata = t.metadata.flatMap(Self.json)
        attemptsDetail =
            withAttempts
            ? t.attemptRecords.map {
                Attempt(
                    attempt: $0.attempt, provider: $0.provider, model: $0.model, status: $0.status,
                    httpStatus: $0.httpStatus, errorType: $0.errorType, latencyMs: $0.latencyMs)
            } : nil
        cursor = stored.cursor.token
    }

    /// Stored JSON text as a value to print; nil when it does not parse.
    static func json(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }
}
