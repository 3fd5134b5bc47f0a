import BrokleCore
import NIOCore

/// Reads an Anthropic answer that passes through untranslated (an Anthropic client, an Anthropic
/// provider): the usage, model and stop reason of a message, and each stream event, so tokens, cost,
/// time to first token and the trace come out as they did through translation.
package struct AnthropicReplyReader: ReplyReader {
    private var usage = AnthropicWire.Usage()
    private var complete = false

    package var format: WireFormat { .anthropicMessages }

    /// The parts of a message the gateway reads; its content is the client's business.
    struct Envelope: Decodable {
        var model: String?
        var stopReason: String?
        var usage: AnthropicWire.Usage?

        enum CodingKeys: String, CodingKey {
            case model, usage
            case stopReason = "stop_reason"
        }
    }

    static func envelope(_ bytes: some Collection<UInt8>) -> Envelope? {
        try? AnthropicWire.decoder.decode(Envelope.self, fromUntrusted: bytes)
    }

    package func summary(of body: ByteBuffer) -> ReplySummary {
        guard let message = Self.envelope(body.readableBytesView) else { return ReplySummary() }
        return ReplySummary(usage: message.usage.map(\.neutral), modelServed: message.model, finishReason: message.stopReason)
    }

    package mutating func read(_ data: String) throws(GatewayError) -> StreamEventReading {
        guard let event = try? AnthropicWire.decoder.decode(AnthropicWire.StreamEvent.self, fromUntrusted: data.utf8) else {
            throw .upstreamBadResponse("The provider sent a stream event Brokle could not read.")
        }
        var reading = StreamEventReading(name: event.name, isContent: true)
        switch event {
        case .messageStart(let message):
            usage = message.usage ?? usage
            reading.usage = usage.neutral
        case .messageDelta(let stopReason, _, let delta):
            if let delta { usage.merge(delta) }
            reading.usage = usage.neutral
            reading.finishReason = stopReason
        case .messageStop:
            complete = true
            reading.isContent = false
        case .ping:
            reading.isContent = false
        case .error(let detail):
            // Passed on as Anthropic sent it (its type intact), then the stream ends.
            reading.isContent = false
            reading.reportedError = .upstreamStreamError(code: detail.type, message: detail.message)
        case .contentBlockStart, .contentBlockDelta, .contentBlockStop, .unknown:
            break
        }
        return reading
    }

    /// Anthropic ends every complete answer with `message_stop`: an upstream that ends before it
    /// was cut short.
    package func finish() throws(GatewayError) {
        guard complete else { throw GatewayError.upstreamStreamBroken("The provider's stream ended before the message was complete.") }
    }

    package init() {
    }
}
