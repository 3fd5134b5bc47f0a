import BrokleCore
import NIOCore

/// The wire format an adapter hands its answer back in: OpenAI's chat format (every translated
/// answer), or the client's own format when its body went upstream as it was: Anthropic's
/// Messages, or OpenAI's Responses.
package enum WireFormat: Sendable, Equatable {
    case openAIChat
    case anthropicMessages
    case openAIResponses
}

/// Reads an answer in the format its adapter returned it, for the request path: usage, model
/// served and finish reason of a whole answer, and what each stream event means. The adapter picks
/// the reader (``ProviderAdapter/reader(for:)``), so the gateway never names a provider's wire types.
package protocol ReplyReader: Sendable {
    var format: WireFormat { get }
    /// A whole 2xx answer.
    func summary(of body: ByteBuffer) -> ReplySummary
    /// One stream event's data. Keeps what later events need (Anthropic reports input tokens at the
    /// start and output tokens at the end); throws for an event it cannot read.
    mutating func read(_ event: String) throws(GatewayError) -> StreamEventReading
    /// The upstream ended: throws when it ended before the answer was complete.
    func finish() throws(GatewayError)
}
