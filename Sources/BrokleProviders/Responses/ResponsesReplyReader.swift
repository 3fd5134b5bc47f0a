import BrokleCore
import NIOCore

/// Reads answers already in the Responses format (the client's body passed through to OpenAI's own
/// `/v1/responses`): the usage, model and status of a `response` object, and what each stream
/// event means, so tokens, cost, time to first token and the trace come out as through translation.
package struct ResponsesReplyReader: ReplyReader {
    private var terminated = false

    package var format: WireFormat { .openAIResponses }

    /// The parts of a `response` object the gateway reads; its output is the client's business.
    struct Envelope: Decodable {
        struct Usage: Decodable {
            struct InputDetails: Decodable {
                var cachedTokens: Int?
                var cacheWriteTokens: Int?
            }
            struct OutputDetails: Decodable { var reasoningTokens: Int? }
            var inputTokens: Int?
            var outputTokens: Int?
            var inputTokensDetails: InputDetails?
            var outputTokensDetails: OutputDetails?

            /// `input_tokens` include the cached and cache-written ones, as chat's `prompt_tokens` do.
            var neutral: TokenUsage {
                TokenUsage(
                    input: inputTokens ?? 0, output: outputTokens ?? 0, cachedInput: inputTokensDetails?.cachedTokens ?? 0,
                    cacheWrite: inputTokensDetails?.cacheWriteTokens ?? 0, reasoning: outputTokensDetails?.reasoningTokens ?? 0)
            }
        }
        struct Failure: Decodable {
            var code: String?
            var message: String?
        }
        var model: String?
        var status: String?
        var usage: Usage?
        var error: Failure?
    }

    static func envelope(_ bytes: some Collection<UInt8>) -> Envelope? {
        try? OpenAIWire.decoder.decode(Envelope.self, fromUntrusted: bytes)
    }

    package func summary(of body: ByteBuffer) -> ReplySummary {
        guard let response = Self.envelope(body.readableBytesView) else { return ReplySummary() }
        return ReplySummary(usage: response.usage?.neutral, modelServed: response.model, finishReason: response.status)
    }

    /// Deltas of the answer (text, refusal, reasoning, function arguments) are content; the
    /// terminal events carry the usage; `response.failed` and `error` are the provider's report of
    /// a failure, passed on as they came.
    package mutating func read(_ data: String) throws(GatewayError) -> StreamEventReading {
        let event: RequestInspector
        do {
            event = try RequestInspector(Array(data.utf8))
        } catch {
            throw .upstreamBadResponse("The provider sent a stream event Brokle could not read.")
        }
        guard let type = event.string("type") else {
            throw .upstreamBadResponse("The provider sent a stream event without a type.")
        }
        var reading = StreamEventReading(name: type, isContent: Self.contentEvents.contains(type))
        switch type {
        case "response.completed", "response.incomplete", "response.failed":
            terminated = true
            let response = event.fields["response"].flatMap { Self.envelope(event.bytes[$0]) }
            reading.usage = response?.usage?.neutral
            reading.finishReason = response?.status
            if type == "response.failed" {
                reading.reportedError = .upstreamStreamError(code: response?.error?.code, message: response?.error?.message)
            }
        case "error":
            reading.reportedError = .upstreamStreamError(code: event.string("code"), message: event.string("message"))
        default:
            break
        }
        return reading
    }

    /// A Responses stream ends with a terminal event; one that ends before it was cut short.
    package func finish() throws(GatewayError) {
        guard terminated else { throw GatewayError.upstreamStreamBroken("The provider's stream ended before the response was complete.") }
    }

    static let contentEvents: Set = [
        "response.output_text.delta", "response.refusal.delta", "response.function_call_arguments.delta",
        "response.reasoning_text.delta", "response.reasoning_summary_text.delta",
    ]

    package init() {
    }
}
