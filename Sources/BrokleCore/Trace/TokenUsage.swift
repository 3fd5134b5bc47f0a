/// Tokens a provider reported for one response, in neutral terms.
package struct TokenUsage: Sendable, Equatable {
    package var input: Int
    package var output: Int
    /// Input tokens served from the provider's prompt cache (billed at the cached rate).
    package var cachedInput: Int
    /// Input tokens written to the provider's prompt cache (Anthropic cache writes).
    package var cacheWrite: Int
    package var reasoning: Int

    package init(input: Int = 0, output: Int = 0, cachedInput: Int = 0, cacheWrite: Int = 0, reasoning: Int = 0) {
        self.input = input
        self.output = output
        self.cachedInput = cachedInput
        self.cacheWrite = cacheWrite
        self.reasoning = reasoning
    }
}
