import BrokleCore

extension AnthropicWire.Usage {
    /// In neutral terms. Anthropic reports cached and cache-written tokens beside `input_tokens`;
    /// Brokle counts every input token in `input` (as OpenAI does), and prices the cached and
    /// cache-written ones apart.
    var neutral: TokenUsage {
        let cacheRead = cacheReadInputTokens ?? 0
        let cacheWrite = cacheCreationInputTokens ?? 0
        return TokenUsage(
            input: (inputTokens ?? 0) + cacheRead + cacheWrite, output: outputTokens ?? 0, cachedInput: cacheRead, cacheWrite: cacheWrite
        )
    }

    /// `message_delta` usage is cumulative: output tokens always, the input counts when present.
    mutating func merge(_ delta: AnthropicWire.Usage) {
        if let output = delta.outputTokens { outputTokens = output }
        if let input = delta.inputTokens { inputTokens = input }
        if let read = delta.cacheReadInputTokens { cacheReadInputTokens = read }
        if let write = delta.cacheCreationInputTokens { cacheCreationInputTokens = write }
    }
}
