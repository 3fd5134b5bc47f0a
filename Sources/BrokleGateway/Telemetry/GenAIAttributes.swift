import BrokleProviders

/// The names of the attributes Brokle's spans carry: OpenTelemetry's GenAI, HTTP and server
/// semantic conventions (GenAI is still "development" in the conventions, so the names are kept
/// here rather than taken from the semantic-conventions package's experimental trait), and
/// Brokle's own under `brokle.*`. README's OpenTelemetry section has the table.
enum GenAIAttributes {
    static let operationName = "gen_ai.operation.name"
    static let providerName = "gen_ai.provider.name"
    /// The older name of ``providerName``, still read by many backends.
    static let system = "gen_ai.system"
    static let requestModel = "gen_ai.request.model"
    static let responseModel = "gen_ai.response.model"
    static let inputTokens = "gen_ai.usage.input_tokens"
    static let outputTokens = "gen_ai.usage.output_tokens"
    static let finishReasons = "gen_ai.response.finish_reasons"
    static let inputMessages = "gen_ai.input.messages"
    static let outputMessages = "gen_ai.output.messages"
    static let serverAddress = "server.address"
    static let serverPort = "server.port"
    static let errorType = "error.type"
    static let httpStatus = "http.response.status_code"

    static let requestID = "brokle.request_id"
    static let organizationID = "brokle.organization.id"
    static let organization = "brokle.organization.slug"
    static let projectID = "brokle.project.id"
    static let project = "brokle.project.slug"
    static let environmentID = "brokle.environment.id"
    static let environment = "brokle.environment.slug"
    /// The key's public id (the `<public id>` of `bk_<public id>_<secret>`): never the secret.
    static let keyPublicID = "brokle.api_key.public_id"
    static let provider = "brokle.provider"
    static let costUSD = "brokle.cost_usd"
    static let costStatus = "brokle.cost_status"
    static let cacheResult = "brokle.cache.result"
    static let attempts = "brokle.attempts"
    static let attempt = "brokle.attempt"
    static let fallback = "brokle.fallback"
    static let limitDecision = "brokle.limit.decision"
    static let stream = "brokle.stream"
    static let cachedTokens = "brokle.usage.cached_tokens"
    static let overheadMs = "brokle.overhead_ms"
    static let ttftMs = "brokle.time_to_first_token_ms"
    /// The end user and conversation (OpenTelemetry's general `user.id` and `session.id`), and the
    /// client's tags and metadata (a JSON object) — ``RequestIdentity``.
    static let userID = "user.id"
    static let sessionID = "session.id"
    static let tags = "brokle.tags"
    static let metadata = "brokle.metadata"

    /// `gen_ai.operation.name` of an endpoint.
    static func operation(_ endpoint: Endpoint) -> String {
        switch endpoint {
        case .chatCompletions, .responses: "chat"
        case .completions: "text_completion"
        case .embeddings: "embeddings"
        }
    }
}
