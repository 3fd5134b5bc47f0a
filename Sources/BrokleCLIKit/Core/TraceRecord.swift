import Foundation

/// One gateway request as stored in `traces`: who asked, what was asked and served, how it went,
/// what it used and cost. Money is in nano-dollars (1e-9 USD) so sums are exact.
public struct TraceRecord: Sendable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable { case ok, error, cancelled }

    public var id: String
    public var organizationID: String
    public var projectID: String
    public var environmentID: String
    public var apiKeyID: String
    public var endpoint: String
    public var modelRequested: String
    public var provider: String?
    public var modelServed: String?
    public var status: Status
    public var httpStatus: Int?
    public var errorType: String?
    public var errorMessage: String?
    public var stream: Bool
    public var attempts: Int
    public var fallback: Bool
    public var cacheHit: Bool
    /// What the response cache did: `hit_exact`, `hit_semantic`, `miss` or `bypass`; nil when
    /// caching is off for the model.
    public var cacheResult: String? = nil
    /// The cosine similarity of a semantic hit.
    public var cacheSimilarity: Double? = nil
    /// What a hit did not spend: the stored answer's tokens, and their price at the time of the hit.
    public var savedTokensIn: Int? = nil
    public var savedTokensOut: Int? = nil
    public var savedNanoUSD: Int64? = nil
    /// What the semantic cache's embedder cost (a provider embedder; included in `costNanoUSD`).
    public var cacheEmbedNanoUSD: Int64? = nil
    public var latencyMs: Double
    public var ttftMs: Double?
    public var overheadMs: Double?
    public var tokensIn: Int
    public var tokensOut: Int
    public var tokensCached: Int
    public var tokensCacheWrite: Int
    public var tokensReasoning: Int
    public var costNanoUSD: Int64?
    public var costStatus: String?
    public var startedAt: Date
    public var finishedAt: Date
    /// Every upstream attempt, in order (empty for a cache hit).
    public var attemptRecords: [TraceAttemptRecord]
}

/// The JSON form of a trace in spill files (`brokle trace ingest`): snake_case keys named like the
/// `traces` and `trace_attempts` columns, timestamps as RFC 3339 strings, money in nano-dollars.
extension TraceRecord: Codable {
    enum CodingKeys: String, CodingKey {
        case id
        case organizationID = "organization_id"
        case projectID = "project_id"
        case environmentID = "environment_id"
        case apiKeyID = "api_key_id"
        case endpoint
        case modelRequested = "model_requested"
        case provider
        case modelServed = "model_served"
        case status
        case httpStatus = "http_status"
        case errorType = "error_type"
        case errorMessage = "error_message"
        case stream, attempts, fallback
        case cacheHit = "cache_hit"
        case cacheResult = "cache_result"
        case cacheSimilarity = "cache_similarity"
        case savedTokensIn = "saved_tokens_in"
        case savedTokensOut = "saved_tokens_out"
        case savedNanoUSD = "saved_nanousd"
        case cacheEmbedNanoUSD = "cache_embed_nanousd"
        case latencyMs = "latency_ms"
        case ttftMs = "ttft_ms"
        case overheadMs = "overhead_ms"
        case tokensIn = "tokens_in"
        case tokensOut = "tokens_out"
        case tokensCached = "tokens_cached"
        case tokensCacheWrite = "tokens_cache_write"
        case tokensReasoning = "tokens_reasoning"
        case costNanoUSD = "cost_nanousd"
        case costStatus = "cost_status"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case attemptRecords = "attempt_records"
    }
}
