import Foundation

/// One gateway request as stored in `traces`: who asked, what was asked and served, how it went,
/// what it used and cost. Money is in nano-dollars (1e-9 USD) so sums are exact.
package struct TraceRecord: Sendable, Equatable {
    package enum Status: String, Sendable, Codable, CaseIterable { case ok, error, cancelled }

    package var id: String
    package var organizationID: String
    package var projectID: String
    package var environmentID: String
    package var apiKeyID: String
    package var endpoint: String
    package var modelRequested: String
    package var provider: String?
    package var modelServed: String?
    package var status: Status
    package var httpStatus: Int?
    package var errorType: String?
    package var errorMessage: String?
    package var stream: Bool
    package var attempts: Int
    package var fallback: Bool
    package var cacheHit: Bool
    /// What the response cache did: `hit_exact`, `hit_semantic`, `miss` or `bypass`; nil when
    /// caching is off for the model.
    package var cacheResult: String? = nil
    /// The values `cacheResult` may hold (the `traces.cache_result` CHECK constraint's list).
    package static let cacheResults: Set<String> = ["hit_exact", "hit_semantic", "miss", "bypass"]

    /// Whether the record keeps the tables' CHECK constraints (its cache result one of
    /// ``cacheResults``, its attempts numbered from 1): for a writer that does not run them.
    package var meetsConstraints: Bool {
        (cacheResult.map(Self.cacheResults.contains) ?? true) && attemptRecords.allSatisfy { $0.attempt >= 1 }
    }
    /// The cosine similarity of a semantic hit.
    package var cacheSimilarity: Double? = nil
    /// What a hit did not spend: the stored answer's tokens, and their price at the time of the hit.
    package var savedTokensIn: Int? = nil
    package var savedTokensOut: Int? = nil
    package var savedNanoUSD: Int64? = nil
    /// What the semantic cache's embedder cost (a provider embedder; included in `costNanoUSD`).
    package var cacheEmbedNanoUSD: Int64? = nil
    /// What guardrails did, as JSON (``GuardrailTally/jsonText``: entity, action, direction and
    /// count — never a value); nil when none acted.
    package var guardrails: String? = nil
    /// Who and what the request was for (``RequestIdentity``); nil or empty when the client said nothing.
    package var endUser: String? = nil
    package var sessionID: String? = nil
    package var tags: [String]? = nil
    /// A JSON object of scalar values.
    package var metadata: String? = nil
    /// What was asked and answered, when its scope captures content; stored in `trace_contents`.
    package var content: TraceContent? = nil
    package var latencyMs: Double
    package var ttftMs: Double?
    package var overheadMs: Double?
    package var tokensIn: Int
    package var tokensOut: Int
    package var tokensCached: Int
    package var tokensCacheWrite: Int
    package var tokensReasoning: Int
    package var costNanoUSD: Int64?
    package var costStatus: String?
    package var startedAt: Date
    package var finishedAt: Date
    /// Every upstream attempt, in order (empty for a cache hit).
    package var attemptRecords: [TraceAttemptRecord]

    package init(
        id: String, organizationID: String, projectID: String, environmentID: String, apiKeyID: String, endpoint: String,
        modelRequested: String, provider: String? = nil, modelServed: String? = nil, status: Status, httpStatus: Int? = nil,
        errorType: String? = nil, errorMessage: String? = nil, stream: Bool, attempts: Int, fallback: Bool, cacheHit: Bool,
        cacheResult: String? = nil, cacheSimilarity: Double? = nil, savedTokensIn: Int? = nil, savedTokensOut: Int? = nil,
        savedNanoUSD: Int64? = nil, cacheEmbedNanoUSD: Int64? = nil, latencyMs: Double, ttftMs: Double? = nil, overheadMs: Double? = nil,
        tokensIn: Int, tokensOut: Int, tokensCached: Int, tokensCacheWrite: Int, tokensReasoning: Int, costNanoUSD: Int64? = nil,
        costStatus: String? = nil, startedAt: Date, finishedAt: Date, attemptRecords: [TraceAttemptRecord]
    ) {
        self.id = id
        self.organizationID = organizationID
        self.projectID = projectID
        self.environmentID = environmentID
        self.apiKeyID = apiKeyID
        self.endpoint = endpoint
        self.modelRequested = modelRequested
        self.provider = provider
        self.modelServed = modelServed
        self.status = status
        self.httpStatus = httpStatus
        self.errorType = errorType
        self.errorMessage = errorMessage
        self.stream = stream
        self.attempts = attempts
        self.fallback = fallback
        self.cacheHit = cacheHit
        self.cacheResult = cacheResult
        self.cacheSimilarity = cacheSimilarity
        self.savedTokensIn = savedTokensIn
        self.savedTokensOut = savedTokensOut
        self.savedNanoUSD = savedNanoUSD
        self.cacheEmbedNanoUSD = cacheEmbedNanoUSD
        self.latencyMs = latencyMs
        self.ttftMs = ttftMs
        self.overheadMs = overheadMs
        self.tokensIn = tokensIn
        self.tokensOut = tokensOut
        self.tokensCached = tokensCached
        self.tokensCacheWrite = tokensCacheWrite
        self.tokensReasoning = tokensReasoning
        self.costNanoUSD = costNanoUSD
        self.costStatus = costStatus
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.attemptRecords = attemptRecords
    }
}

extension TraceRecord {
    /// The request's end user, session, tags and metadata, as one value.
    package var identity: RequestIdentity {
        get { RequestIdentity(endUser: endUser, sessionID: sessionID, tags: tags ?? [], metadata: metadata) }
        set {
            (endUser, sessionID, metadata) = (newValue.endUser, newValue.sessionID, newValue.metadata)
            tags = newValue.tags.isEmpty ? nil : newValue.tags
        }
    }
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
        case guardrails
        case endUser = "end_user"
        case sessionID = "session_id"
        case tags, metadata, content
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
