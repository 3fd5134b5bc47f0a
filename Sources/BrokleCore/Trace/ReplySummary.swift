/// What the gateway needs from a provider's whole answer, whatever wire format it came in: the
/// tokens to price and trace, the model that actually served it, and why it stopped. Read by the
/// provider side (see `ReplyReader`), so the request path never parses a provider's JSON itself.
package struct ReplySummary: Sendable, Equatable {
    package var usage: TokenUsage?
    package var modelServed: String?
    /// In the provider's own words (`stop`, `tool_calls`, `end_turn`, `tool_use`, ...).
    package var finishReason: String?

    package init(usage: TokenUsage? = nil, modelServed: String? = nil, finishReason: String? = nil) {
        self.usage = usage
        self.modelServed = modelServed
        self.finishReason = finishReason
    }
}
