/// A failure the gateway reports to its caller as an OpenAI-style error body
/// `{"error":{"message","type","code","param"}}` with `status`, so SDKs raise their usual exceptions.
public struct GatewayError: Error, Sendable, Equatable {
    public var status: Int
    public var type: String
    public var code: String?
    public var message: String
    public var param: String?

    public init(status: Int, type: String, code: String? = nil, message: String, param: String? = nil) {
        self.status = status
        self.type = type
        self.code = code
        self.message = message
        self.param = param
    }

    public static func invalidRequest(_ message: String, param: String? = nil, code: String? = nil) -> GatewayError {
        GatewayError(status: 400, type: "invalid_request_error", code: code, message: message, param: param)
    }

    public static let invalidAPIKey = GatewayError(
        status: 401, type: "invalid_request_error", code: "invalid_api_key", message: KeyRejection.callerMessage
    )

    public static func modelNotAllowed(_ model: String) -> GatewayError {
        GatewayError(status: 403, type: "permission_error", code: "model_not_allowed",
                     message: "This API key may not use the model '\(model)'.", param: "model")
    }

    public static func modelNotFound(_ model: String) -> GatewayError {
        GatewayError(status: 404, type: "invalid_request_error", code: "model_not_found",
                     message: "The model '\(model)' does not exist or is not configured in this gateway.", param: "model")
    }

    public static func bodyTooLarge(limit: Int) -> GatewayError {
        GatewayError(status: 413, type: "invalid_request_error", code: "request_too_large",
                     message: "The request body is larger than the gateway's limit of \(limit) bytes.")
    }

    /// A body whose JSON nests deeper than ``JSONNesting/maxDepth``: refused before anything
    /// recursive reads it.
    public static let nestedTooDeep = GatewayError.invalidRequest(
        "The request body's JSON nests deeper than \(JSONNesting.maxDepth) levels."
    )

    /// The provider answered with something the gateway cannot read or pass on: malformed, nested
    /// deeper than ``JSONNesting/maxDepth``, or larger than the gateway's limits. A 502 (another
    /// target may do better), never a crash.
    public static func upstreamBadResponse(_ message: String) -> GatewayError {
        GatewayError(status: 502, type: "api_error", code: "upstream_bad_response", message: message)
    }

    public static func upstreamUnreachable(_ provider: String) -> GatewayError {
        GatewayError(status: 502, type: "api_error", code: "upstream_unreachable", message: "The provider '\(provider)' could not be reached.")
    }

    public static func upstreamTimeout(_ provider: String) -> GatewayError {
        GatewayError(status: 504, type: "api_error", code: "upstream_timeout", message: "The provider '\(provider)' did not answer in time.")
    }

    /// Every target of a route has its circuit open (or its provider is not configured).
    public static func noTargetAvailable(_ model: String) -> GatewayError {
        GatewayError(status: 503, type: "api_error", code: "no_target_available",
                     message: "No provider for '\(model)' is available right now (every target's circuit is open); try again shortly.")
    }

    /// The route's deadline passed before any attempt succeeded.
    public static func deadlineExceeded(_ model: String, after attempts: Int) -> GatewayError {
        GatewayError(status: 504, type: "api_error", code: "deadline_exceeded",
                     message: "No provider for '\(model)' answered within the route's deadline (\(attempts) attempt(s)).")
    }

    /// The key is not cached and the database that would confirm it cannot be reached.
    public static let authUnavailable = GatewayError(
        status: 503, type: "api_error", code: "auth_unavailable", message: "The gateway cannot check API keys right now; try again shortly."
    )

    /// The client went away while the gateway was still trying providers.
    public static let cancelled = GatewayError(status: 499, type: "api_error", code: "cancelled", message: "The client closed the request.")

    public static let shuttingDown = GatewayError(status: 503, type: "api_error", code: "shutting_down", message: "The gateway is shutting down.")

    /// A short label for metrics and traces (bounded set of values).
    public var metricLabel: String { code ?? type }
}
