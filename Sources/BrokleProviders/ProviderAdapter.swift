import NIOCore

/// The OpenAI endpoints the gateway serves.
package enum Endpoint: String, Sendable, CaseIterable {
    case chatCompletions = "chat.completions"
    case completions
    case embeddings
    /// OpenAI's Responses API: sent as it came to a provider that speaks it, else translated to
    /// chat completions (``upstream(native:)``).
    case responses

    /// Path under the provider's `/v1` base.
    package var path: String {
        switch self {
        case .chatCompletions: "/chat/completions"
        case .completions: "/completions"
        case .embeddings: "/embeddings"
        case .responses: "/responses"
        }
    }

    /// The endpoint an attempt calls: the client's own when its body goes as it came (`native`),
    /// else the one it is translated to (a Responses request becomes a chat completion).
    package func upstream(native: Bool) -> Endpoint {
        self == .responses && !native ? .chatCompletions : self
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
    /// The client's own body in its own wire format, `model` already rewritten, when the provider
    /// speaks that format (``ProviderAdapter/speaks(_:)``): sent as it is instead of translating
    /// `body`, so the fields OpenAI has no words for (Anthropic's `cache_control`, `thinking`,
    /// `top_k`) arrive; the answer then comes back in that format too.
    package var native: NativeBody?
    /// W3C trace context headers (`traceparent`, `tracestate`) of the attempt's span, when
    /// OpenTelemetry export is on: the call carries them so the provider's spans join the trace.
    package var traceHeaders: [(String, String)] = []
    /// The attempt's time limit in seconds (the route's `attempt_timeout`, or what is left of its
    /// deadline); nil: the provider's own `timeout` alone. The one limit on the call: a whole answer
    /// must arrive within it, a stream's first bytes likewise.
    package var timeout: Double?

    package init(
        endpoint: Endpoint, body: ByteBuffer, upstreamModel: String, stream: Bool, includeUsage: Bool, requestID: String,
        native: NativeBody? = nil
    ) {
        self.endpoint = endpoint
        self.body = body
        self.upstreamModel = upstreamModel
        self.stream = stream
        self.includeUsage = includeUsage
        self.requestID = requestID
        self.native = native
    }

    /// The call's time limit for a provider whose own `timeout` is `providerTimeout`: the shorter.
    package func timeLimit(_ providerTimeout: Double) -> Double {
        timeout.map { min($0, providerTimeout) } ?? providerTimeout
    }
}

/// A client's request body in its own wire format, for a provider that speaks it.
package struct NativeBody: Sendable {
    package var format: WireFormat
    package var body: ByteBuffer

    package init(format: WireFormat, body: ByteBuffer) {
        self.format = format
        self.body = body
    }
}

extension UpstreamRequest {
    /// The client's own body when it is in `format`.
    package func nativeBody(in format: WireFormat) -> ByteBuffer? {
        native.flatMap { $0.format == format ? $0.body : nil }
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
    /// Whether a client's body in `format` is sent as it is (``UpstreamRequest/native``): the
    /// provider's own wire format.
    func speaks(_ format: WireFormat) -> Bool
    /// Reads the answer `send(request)` returned (see ``ReplyReader``).
    func reader(for request: UpstreamRequest) -> any ReplyReader
}

extension ProviderAdapter {
    package var secrets: [String] { [] }
    package func speaks(_ format: WireFormat) -> Bool { false }
}
