import BrokleCore
import BrokleProviders
import Hummingbird
import NIOCore

/// Anthropic's messages (`/v1/messages`): translated to an OpenAI chat request for providers that
/// do not speak it, and passed through as it came to those that do; answers, streams and errors
/// in Anthropic's shapes.
struct AnthropicDialect: ClientDialect {
    var name: String { "anthropic" }
    var wireFormat: WireFormat { .anthropicMessages }

    func openAIBody(_ body: ByteBuffer) throws(GatewayError) -> [UInt8] {
        try AnthropicInbound.chatRequest(fromMessages: Array(buffer: body)).body
    }

    func nativeBody(_ body: ByteBuffer) throws(GatewayError) -> RequestInspector? {
        // `thinking` included: its blocks come back untranslated, so the client can send them back
        // with its next tool-use turn, as Anthropic requires.
        try RequestInspector(Array(buffer: body))
    }

    func answer(_ body: ByteBuffer, format: WireFormat, requestedModel: String) -> ByteBuffer {
        guard format != wireFormat else { return body }
        return ByteBuffer(bytes: AnthropicInbound.message(fromChatCompletion: Array(buffer: body), requestedModel: requestedModel))
    }

    func errorResponse(_ error: GatewayError, requestID: String?) -> Response {
        GatewayResponses.error(error, requestID: requestID, body: AnthropicInbound.errorBody(error))
    }

    func streamEncoder(requestedModel: String, clientWantsUsage: Bool, format: WireFormat) -> any ClientStreamEncoder {
        format == wireFormat ? AnthropicPassThroughEncoder() : AnthropicTranslatingEncoder(requestedModel: requestedModel)
    }

    var transportFields: [String] { ["stream", "metadata"] }
}

/// Anthropic events, written as they came (usage included: `message_delta` carries it).
struct AnthropicPassThroughEncoder: ClientStreamEncoder {
    var forwardsUsageChunk: Bool { true }

    func encode(_ event: String, name: String?) -> ByteBuffer { SSEWriter.event(event, name: name) }

    func error(_ error: GatewayError) -> ByteBuffer { ByteBuffer(bytes: AnthropicStreamEncoder.errorEvent(error)) }
}

/// OpenAI events translated into Anthropic's (the usage chunk feeds `message_delta`).
struct AnthropicTranslatingEncoder: ClientStreamEncoder {
    private var encoder: AnthropicStreamEncoder

    init(requestedModel: String) { encoder = AnthropicStreamEncoder(requestedModel: requestedModel) }

    var forwardsUsageChunk: Bool { true }

    mutating func encode(_ event: String, name: String?) -> ByteBuffer { ByteBuffer(bytes: encoder.feed(event)) }

    mutating func finish() -> ByteBuffer {
        encoder.isFinished ? ByteBuffer() : ByteBuffer(bytes: encoder.finish())
    }

    mutating func error(_ error: GatewayError) -> ByteBuffer { ByteBuffer(bytes: encoder.error(error)) }
}
