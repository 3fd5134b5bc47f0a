import NIOCore

/// Reads answers in OpenAI's chat format: OpenAI-compatible upstreams as they are, and every other
/// provider's answer once its adapter translated it.
struct OpenAIReplyReader: ReplyReader {
    var format: WireFormat { .openAIChat }

    func summary(of body: ByteBuffer) -> ReplySummary {
        ReplySummary(usage: OpenAIWire.envelope(body.readableBytesView)?.usage?.neutral)
    }

    func read(_ event: String) throws(GatewayError) -> StreamEventReading {
        if event == "[DONE]" { return StreamEventReading(isContent: false) }
        // Most chunks carry no usage: the substring test spares them the scan.
        guard event.contains(#""usage":{"#), let envelope = OpenAIWire.envelope(Array(event.utf8)), let usage = envelope.usage else {
            return StreamEventReading(isContent: true)
        }
        let usageOnly = envelope.choices?.isEmpty ?? true
        return StreamEventReading(usage: usage.neutral, isContent: !usageOnly, isUsageOnly: usageOnly)
    }

    /// An OpenAI stream may end without `[DONE]`; whatever was relayed stands.
    func finish() throws(GatewayError) {}
}
