import BrokleCore
import BrokleProviders
import Hummingbird
import NIOCore

/// The API shape a client speaks: OpenAI (`/v1/chat/completions`, ...) or Anthropic
/// (`/v1/messages`). Inside, every request is an OpenAI chat request and every translated answer is
/// in the OpenAI shape; the dialect translates at the edges — the request body on the way in, the
/// answer, the stream events and the errors on the way out. A provider that speaks the client's
/// dialect gets the client's own body (``nativeBody(_:)``), and its answer, in that same dialect
/// (``WireFormat``), goes back as it came: byte for byte, or event by event.
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
            // `thinking` included: its blocks come back untranslated, so the client can send them
            // back with its next tool-use turn, as Anthropic requires.
            return try RequestInspector(Array(buffer: body))
        }
    }

    /// The wire format an answer needs no translation from.
    var wireFormat: WireFormat {
        switch self {
        case .openAI: .openAIChat
        case .anthropic: .anthropicMessages
        }
    }

    /// A whole 2xx answer for the client: as it came when already in the client's dialect.
    func answer(_ body: ByteBuffer, format: WireFormat, requestedModel: String) -> ByteBuffer {
        guard format != wireFormat else { return body }
        return ByteBuffer(bytes: AnthropicInbound.message(fromChatCompletion: Array(buffer: body), requestedModel: requestedModel))
    }

    func errorResponse(_ error: GatewayError, requestID: String?) -> Response {
        switch self {
        case .openAI:
            return GatewayResponses.error(error, requestID: requestID)
        case .anthropic:
            return GatewayResponses.error(error, requestID: requestID, body: AnthropicInbound.errorBody(error))
        }
    }

    /// What the stream relay writes for the client, from events in `format`.
    func streamEncoder(requestedModel: String, clientWantsUsage: Bool, format: WireFormat) -> ClientStreamEncoder {
        switch self {
        case .openAI: return .openAI(wantsUsage: clientWantsUsage)
        case .anthropic where format == .anthropicMessages: return .anthropicPassThrough
        case .anthropic: return .anthropic(AnthropicStreamEncoder(requestedModel: requestedModel))
        }
    }
}

/// Turns the stream events the gateway relays into the bytes the client's dialect expects.
enum ClientStreamEncoder: Sendable {
    case openAI(wantsUsage: Bool)
    /// OpenAI events translated into Anthropic's.
    case anthropic(AnthropicStreamEncoder)
    /// Anthropic events, written as they came.
    case anthropicPassThrough

    /// Whether the usage-only chunk goes to the client (Anthropic needs it for `message_delta`).
    var forwardsUsageChunk: Bool {
        switch self {
        case .openAI(let wantsUsage): wantsUsage
        case .anthropic, .anthropicPassThrough: true
        }
    }

    /// The bytes for one event's data (`[DONE]` included) and its name, if it has one; empty when
    /// nothing is due yet.
    mutating func encode(_ event: String, name: String?) -> ByteBuffer {
        switch self {
        case .openAI:
            return event == "[DONE]" ? SSEWriter.done : SSEWriter.event(event)
        case .anthropicPassThrough:
            return SSEWriter.event(event, name: name)
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
        case .anthropicPassThrough:
            return ByteBuffer(bytes: AnthropicStreamEncoder.errorEvent(error))
        case .anthropic(var encoder):
            let bytes = encoder.error(error)
            self = .anthropic(encoder)
            return ByteBuffer(bytes: bytes)
        }
    }
}
