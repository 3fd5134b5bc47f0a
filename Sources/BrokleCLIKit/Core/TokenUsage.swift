/// Tokens a provider reported for one response, in neutral terms.
public struct TokenUsage: Sendable, Equatable {
    public var input: Int
    public var output: Int
    /// Input tokens served from the provider's prompt cache (billed at the cached rate).
    public var cachedInput: Int
    /// Input tokens written to the provider's prompt cache (Anthropic cache writes).
    public var cacheWrite: Int
    public var reasoning: Int

    public init(input: Int = 0, output: Int = 0, cachedInput: Int = 0, cacheWrite: Int = 0, reasoning: Int = 0) {
        self.input = input
        self.output = output
        self.cachedInput = cachedInput
        self.cacheWrite = cacheWrite
        self.reasoning = reasoning
    }
}
