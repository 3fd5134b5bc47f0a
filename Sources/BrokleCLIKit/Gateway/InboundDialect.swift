import Hummingbird
import NIOCore

/// The API shape a client speaks: OpenAI (`/v1/chat/completions`, ...) or Anthropic
/// (`/v1/messages`). Inside, every request is an OpenAI chat request and every provider answers in
/// the OpenAI shape; the dialect translates at the edges — the request body on the way in, the
/// answer, the stream events and the errors on the way out. One exception on the way in: a provider
/// that speaks the client's dialect also gets the client's own body (``nativeBody(_:)``).
enum InboundDialect: Sendable {
    case openAI
    case anthropic

    /// The request body as an OpenAI request (unchanged for OpenAI clients).
    func openAIBody(_ body: ByteBuffer) throws(GatewayError) -> [UInt8] {
        switch self {
        case .openAI: return Array(buffer: body)
        case .anthropic: return try AnthropicInbound.chatRequest(fromMessages: Array(buffer: body)).body
        }
    }

    /// The client's own body, for a provider that speaks the client's dialect and so needs no
    /// translation (nil for OpenAI clients, whose body is the one forwarded anyway).
    func nativeBody(_ body: ByteBuffer) throws(GatewayError) -> RequestInspector? {
        switch self {
        case .openAI:
            return nil
        case .anthropic:
            let native = try RequestInspector(Array(buffer: body))
            // Extended thinking waits until answers pass through too: a translated answer loses its
            // thinking blocks, and Anthropic refuses a tool-use turn sent back without its thinking
            // block. Until then such a request is translated as before (thinking dropped), so
            // multi-turn tool use keeps working.
            return native.has("thinking") ? nil : native
        }
    }

    /// A whole 2xx answer for the client.
    func answer(_ body: ByteBuffer, requestedModel: String) -> ByteBuffer {
        switch self {
        case .openAI: return body
        case .anthropic: return ByteBuffer(bytes: AnthropicInbound.message(fromChatCompletion: Array(buffer: body), requestedModel: requestedModel))
        }
    }

    func errorResponse(_ error: GatewayError, requestID: String?) -> Response {
        switch self {
        case .openAI:
            return GatewayResponses.error(error, requestID: requestID)
        case .anthropic:
            return GatewayResponses.error(error, requestID: requestID, body: AnthropicInbound.errorBody(error))
        }
    }

    /// What the stream relay writes for the client.
    func streamEncoder(requestedModel: String, clientWantsUsage: Bool) -> ClientStreamEncoder {
        switch self {
        case .openAI: return .openAI(wantsUsage: clientWantsUsage)
        case .anthropic: return .anthropic(AnthropicStreamEncoder(requestedModel: requestedModel))
        }
    }
}

/// Turns the OpenAI stream events the gateway relays into the bytes the client's dialect expects.
enum ClientStreamEncoder: Sendable {
    case openAI(wantsUsage: Bool)
    case anthropic(AnthropicStreamEncoder)

    /// Whether the usage-only chunk goes to the client (Anthropic needs it for `message_delta`).
    var forwardsUsageChunk: Bool {
        switch self {
        case .openAI(let wantsUsage): wantsUsage
        case .anthropic: true
        }
    }

    /// The bytes for one OpenAI event (`[DONE]` included); empty when nothing is due yet.
    mutating func encode(_ event: String) -> ByteBuffer {
        switch self {
        case .openAI:
            return event == "[DONE]" ? SSEWriter.done : SSEWriter.event(event)
        case .anthropic(var encoder):
            let bytes = encoder.feed(event)
            self = .anthropic(encoder)
            return ByteBuffer(bytes: bytes)
        }
    }

    /// What closes a stream whose upstream ended without `[DONE]` (OpenAI clients need nothing).
    mutating func finish() -> ByteBuffer {
        guard case .anthropic(var encoder) = self, !encoder.isFinished else { return ByteBuffer() }
        let bytes = encoder.finish()
        self = .anthropic(encoder)
        return ByteBuffer(bytes: bytes)
    }

    /// An in-band error event.
    mutating func error(_ error: GatewayError) -> ByteBuffer {
        switch self {
        case .openAI:
            return SSEWriter.event(String(decoding: GatewayResponses.errorBody(error), as: UTF8.self))
        case .anthropic(var encoder):
            let bytes = encoder.error(error)
            self = .anthropic(encoder)
            return ByteBuffer(bytes: bytes)
        }
    }
}
