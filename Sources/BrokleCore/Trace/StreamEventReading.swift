/// What one upstream stream event means to the relay, read by the provider side so the relay never
/// parses a provider's JSON itself.
package struct StreamEventReading: Sendable, Equatable {
    /// The SSE event name to write with the event (Anthropic names every event; OpenAI names none).
    package var name: String?
    /// The usage so far, when this event reported some (cumulative: it replaces what came before).
    package var usage: TokenUsage?
    /// Whether the event is part of the answer: the first one marks time to first token, and a
    /// stream cut short counts them as output (about one token each).
    package var isContent: Bool
    /// OpenAI's extra usage-only chunk (`stream_options.include_usage`), which a client that did
    /// not ask for it must not see.
    package var isUsageOnly: Bool
    package var finishReason: String?
    /// An error the provider reported in this event. The event is the client's notice of it (it
    /// passes through as it came); the stream ends with it and is recorded as failed.
    package var reportedError: GatewayError?

    package init(
        name: String? = nil, usage: TokenUsage? = nil, isContent: Bool, isUsageOnly: Bool = false, finishReason: String? = nil,
        reportedError: GatewayError? = nil
    ) {
        self.name = name
        self.usage = usage
        self.isContent = isContent
        self.isUsageOnly = isUsageOnly
        self.finishReason = finishReason
        self.reportedError = reportedError
    }
}
