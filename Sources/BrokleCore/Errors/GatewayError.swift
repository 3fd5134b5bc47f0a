/// A failure the gateway reports to its caller as an OpenAI-style error body
/// `{"error":{"message","type","code","param"}}` with `status`, so SDKs raise their usual exceptions.
package struct GatewayError: Error, Sendable, Equatable {
    package var status: Int
    package var type: String
    package var code: String?
    package var message: String
    package var param: String?
    /// Extra response headers (a refused request's `retry-after` and `x-ratelimit-*`).
    package var headers: [String: String] = [:]

    package init(status: Int, type: String, code: String? = nil, message: String, param: String? = nil) {
        self.status = status
        self.type = type
        self.code = code
        self.message = message
        self.param = param
    }

    package static func invalidRequest(_ message: String, param: String? = nil, code: String? = nil) -> GatewayError {
        GatewayError(status: 400, type: "invalid_request_error", code: code, message: message, param: param)
    }

    package static let invalidAPIKey = GatewayError(
        status: 401, type: "invalid_request_error", code: "invalid_api_key", message: KeyRejection.callerMessage
    )

    /// A field the endpoint cannot do without (`model`, `messages`, `prompt`, `input`).
    package static func missingParameter(_ name: String) -> GatewayError {
        invalidRequest("'\(name)' is required.", param: name, code: "missing_required_parameter")
    }

    package static func modelNotAllowed(_ model: String) -> GatewayError {
        GatewayError(
            status: 403, type: "permission_error", code: "model_not_allowed",
            message: "This API key may not use the model '\(model)'.", param: "model")
    }

    package static func modelNotFound(_ model: String) -> GatewayError {
        GatewayError(
            status: 404, type: "invalid_request_error", code: "model_not_found",
            message: "The model '\(model)' does not exist or is not configured in this gateway.", param: "model")
    }

    package static func bodyTooLarge(limit: Int) -> GatewayError {
        GatewayError(
            status: 413, type: "invalid_request_error", code: "request_too_large",
            message: "The request body is larger than the gateway's limit of \(limit) bytes.")
    }

    /// A body whose JSON nests deeper than ``JSONNesting/maxDepth``: refused before anything
    /// recursive reads it.
    package static let nestedTooDeep = GatewayError.invalidRequest(
        "The request body's JSON nests deeper than \(JSONNesting.maxDepth) levels."
    )

    /// The provider answered with something the gateway cannot read or pass on: malformed, nested
    /// deeper than ``JSONNesting/maxDepth``, or larger than the gateway's limits. A 502 (another
    /// target may do better), never a crash.
    package static func upstreamBadResponse(_ message: String) -> GatewayError {
        GatewayError(status: 502, type: "api_error", code: "upstream_bad_response", message: message)
    }

    package static func upstreamUnreachable(_ provider: String) -> GatewayError {
        GatewayError(
            status: 502, type: "api_error", code: "upstream_unreachable", message: "The provider '\(provider)' could not be reached.")
    }

    package static func upstreamTimeout(_ provider: String) -> GatewayError {
        GatewayError(
            status: 504, type: "api_error", code: "upstream_timeout", message: "The provider '\(provider)' did not answer in time.")
    }

    /// Every target of a route has its circuit open (or its provider is not configured).
    package static func noTargetAvailable(_ model: String) -> GatewayError {
        GatewayError(
            status: 503, type: "api_error", code: "no_target_available",
            message: "No provider for '\(model)' is available right now (every target's circuit is open); try again shortly.")
    }

    /// The route's deadline passed before any attempt succeeded.
    package static func deadlineExceeded(_ model: String, after attempts: Int) -> GatewayError {
        GatewayError(
            status: 504, type: "api_error", code: "deadline_exceeded",
            message: "No provider for '\(model)' answered within the route's deadline (\(attempts) attempt(s)).")
    }

    /// The key is not cached and the database that would confirm it cannot be reached.
    package static let authUnavailable = GatewayError(
        status: 503, type: "api_error", code: "auth_unavailable", message: "The gateway cannot check API keys right now; try again shortly."
    )

    /// The client went away while the gateway was still trying providers.
    package static let cancelled = GatewayError(
        status: 499, type: "api_error", code: "cancelled", message: "The client closed the request.")

    /// Something the gateway did not expect failed; the details go to the log, never to the client.
    package static let internalError = GatewayError(
        status: 500, type: "api_error", code: "internal_error", message: "Internal gateway error.")

    /// An error the router itself answers (an unknown path, a wrong method), in the OpenAI shape.
    package static func http(status: Int, message: String) -> GatewayError {
        GatewayError(
            status: status, type: status >= 500 ? "api_error" : "invalid_request_error", code: status == 404 ? "not_found" : nil,
            message: message)
    }

    /// The provider's own error answer, relayed with its status, type, code and param (the message
    /// already scrubbed of secrets by the adapter).
    package static func relayed(status: Int, type: String, code: String?, message: String, param: String?) -> GatewayError {
        GatewayError(status: status, type: type, code: code, message: message, param: param)
    }

    /// A stream that broke off after the client had its 200: reported in-band as an error event.
    package static func upstreamStreamBroken(_ message: String = "The provider's stream ended unexpectedly.") -> GatewayError {
        GatewayError(status: 502, type: "api_error", code: "upstream_stream_broken", message: message)
    }

    /// The provider reported an error inside its stream; `code` is the provider's error type.
    package static func upstreamStreamError(code: String?, message: String?) -> GatewayError {
        GatewayError(status: 502, type: "api_error", code: code, message: message ?? "The provider's stream reported an error.")
    }

    /// A 2xx answer whose body could not be read or translated.
    package static func upstreamInvalidResponse(_ provider: String) -> GatewayError {
        GatewayError(
            status: 502, type: "api_error", code: "upstream_invalid_response",
            message: "The provider '\(provider)' sent an answer that could not be read.")
    }

    /// A short label for metrics and traces (bounded set of values).
    package var metricLabel: String { code ?? type }
}
