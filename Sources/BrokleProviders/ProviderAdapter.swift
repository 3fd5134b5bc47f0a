import NIOCore

/// The OpenAI endpoints the gateway serves.
package enum Endpoint: String, Sendable, CaseIterable {
    case chatCompletions = "chat.completions"
    case completions
    case embeddings

    /// Path under the provider's `/v1` base.
    package var path: String {
        switch self {
        case .chatCompletions: "/chat/completions"
        case .completions: "/completions"
        case .embeddings: "/embeddings"
        }
    }

    package var supportsStreaming: Bool { self != .embeddings }
}

/// One call to a provider, in the OpenAI wire format, already addressed to the upstream model.
package struct UpstreamRequest: Sendable {
    package var endpoint: Endpoint
    package var body: ByteBuffer
    package var upstreamModel: String
    package var stream: Bool
    /// Whether the body asks the upstream for a final usage chunk (`stream_options.include_usage`).
    package var includeUsage: Bool
    package var requestID: String
    /// The client's own Anthropic Messages body, `model` already rewritten, when the client called
    /// `/v1/messages` and the provider speaks Anthropic: sent as it is instead of translating
    /// `body`, so the fields OpenAI has no words for (`cache_control`, `thinking`, `top_k`) arrive;
    /// the answer then comes back in Anthropic's format too (``AnthropicReplyReader``).
    package var anthropicBody: ByteBuffer?
    /// W3C trace context headers (`traceparent`, `tracestate`) of the attempt's span, when
    /// OpenTelemetry export is on: the call carries them so the provider's spans join the trace.
    package var traceHeaders: [(String, String)] = []

    package init(
        endpoint: Endpoint, body: ByteBuffer, upstreamModel: String, stream: Bool, includeUsage: Bool, requestID: String,
        anthropicBody: ByteBuffer? = nil
    ) {
        self.endpoint = endpoint
        self.body = body
        self.upstreamModel = upstreamModel
        self.stream = stream
        self.includeUsage = includeUsage
        self.requestID = requestID
        self.anthropicBody = anthropicBody
    }
}

/// A byte stream from an upstream (SSE text), consumed once; cancelling the consuming task cancels
/// the upstream request.
package typealias UpstreamByteStream = any AsyncSequence<ByteBuffer, any Error> & Sendable

/// What a provider answered.
package enum UpstreamReply: Sendable {
    /// A whole response: 2xx with the JSON body (in the reader's ``WireFormat``), or an error status with the provider's body
    /// (and, when the provider said so, how many seconds to wait before trying again: `Retry-After`).
    case complete(status: Int, body: ByteBuffer, retryAfter: Double? = nil)
    /// A 2xx streaming response: SSE bytes as they arrive (events in the reader's ``WireFormat``).
    case stream(UpstreamByteStream)
}

/// A provider adapter: turns an OpenAI-format request into the provider's call and its answer back
/// into the OpenAI format, or, for a client that speaks the provider's own format, sends the
/// client's body and returns the answer as it came. One folder per wire format under Providers/.
package protocol ProviderAdapter: Sendable {
    var name: String { get }
    /// Sends `request`; throws ``GatewayError`` for transport failures (unreachable → 502, timeout → 504).
    func send(_ request: UpstreamRequest) async throws -> UpstreamReply
    /// Values that must never reach a client or a log (the provider's API key), scrubbed from relayed errors.
    var secrets: [String] { get }
    /// Whether ``UpstreamRequest/anthropicBody`` is sent as it is (the provider's own wire format).
    var speaksAnthropicMessages: Bool { get }
    /// Reads the answer `send(request)` returned (see ``ReplyReader``).
    func reader(for request: UpstreamRequest) -> any ReplyReader
}

extension ProviderAdapter {
    package var secrets: [String] { [] }
    package var speaksAnthropicMessages: Bool { false }
}
