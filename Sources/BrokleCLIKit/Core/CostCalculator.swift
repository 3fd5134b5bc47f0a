import Foundation

/// What a response cost, from the usage the provider reported and the model's prices, in whole
/// nano-dollars (1e-9 USD). Decimal arithmetic throughout; one rounding, at the end.
///
/// `TokenUsage.input` counts every input token, cached and cache-written ones included (OpenAI's
/// `prompt_tokens`; adapters for providers that report them apart add them up). So:
/// fresh input × input + cached × cached_input + cache writes × cache_write
/// + (output − reasoning) × output + reasoning × reasoning (output when not priced apart).
public enum CostCalculator {
    public static func nanoUSD(_ usage: TokenUsage, price: ModelPrice) -> Int64 {
        let cached = max(0, usage.cachedInput)
        let written = max(0, usage.cacheWrite)
        let fresh = max(0, usage.input - cached - written)
        let reasoning = price.reasoning == nil ? 0 : max(0, min(usage.reasoning, usage.output))
        var perMillion = Decimal(fresh) * price.input
        perMillion += Decimal(cached) * (price.cachedInput ?? price.input)
        perMillion += Decimal(written) * (price.cacheWrite ?? price.input)
        perMillion += Decimal(max(0, usage.output - reasoning)) * price.output
        perMillion += Decimal(reasoning) * (price.reasoning ?? price.output)
        // USD per 1M tokens × tokens / 1e6 = USD; × 1e9 = nano-dollars: × 1000 in all.
        var nano = perMillion * 1000
        var rounded = Decimal()
        NSDecimalRound(&rounded, &nano, 0, .plain)
        return NSDecimalNumber(decimal: rounded).int64Value
    }

    /// Nano-dollars as a USD decimal (for JSON numbers and headers), exactly.
    public static func usd(nano: Int64) -> Decimal {
        Decimal(nano) / 1_000_000_000
    }
}
