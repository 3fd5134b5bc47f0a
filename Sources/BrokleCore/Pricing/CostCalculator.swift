import Foundation

/// What a response cost, from the usage the provider reported and the model's prices, in whole
/// nano-dollars (1e-9 USD). Exact arithmetic throughout (integers when the prices allow, which
/// is every realistic price, else Decimal); one rounding, half up, at the end.
///
/// `TokenUsage.input` counts every input token, cached and cache-written ones included (OpenAI's
/// `prompt_tokens`; adapters for providers that report them apart add them up). So:
/// fresh input × input + cached × cached_input + cache writes × cache_write
/// + (output − reasoning) × output + reasoning × reasoning (output when not priced apart).
package enum CostCalculator {
    package static func nanoUSD(_ usage: TokenUsage, price: ModelPrice) -> Int64 {
        let cached = max(0, usage.cachedInput)
        let written = max(0, usage.cacheWrite)
        let fresh = max(0, usage.input - cached - written)
        let reasoning = price.reasoning == nil ? 0 : max(0, min(usage.reasoning, usage.output))
        var exact = PicoDollars()
        if let rates = price.rates, exact.add(fresh, at: rates.input), exact.add(cached, at: rates.cachedInput),
            exact.add(written, at: rates.cacheWrite), exact.add(max(0, usage.output - reasoning), at: rates.output),
            exact.add(reasoning, at: rates.reasoning)
        {
            return exact.nanoUSD
        }
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

    /// Σ tokens × micro-dollars per million tokens, in pico-dollars, as an exact integer.
    private struct PicoDollars {
        var total: Int64 = 0

        /// Adds one term; false on overflow (beyond any real bill: the Decimal path answers).
        mutating func add(_ tokens: Int, at microPerMillion: Int64) -> Bool {
            let (product, overflowed) = Int64(tokens).multipliedReportingOverflow(by: microPerMillion)
            let (sum, over) = total.addingReportingOverflow(product)
            guard !overflowed, !over, sum <= Int64.max - 500 else { return false }
            total = sum
            return true
        }

        /// Rounded half up, as the Decimal path rounds.
        var nanoUSD: Int64 { (total + 500) / 1000 }
    }

    /// Nano-dollars as a USD decimal (for JSON numbers), exactly.
    package static func usd(nano: Int64) -> Decimal {
        Decimal(nano) / 1_000_000_000
    }

    /// The same amount as text, as `"\(usd(nano:))"` writes it ("0.0003369", "1.5", "0"), without
    /// Decimal arithmetic: for the `x-brokle-cost-usd` header on every answer.
    package static func usdText(nano: Int64) -> String {
        let whole = nano.magnitude / 1_000_000_000
        var fraction = nano.magnitude % 1_000_000_000
        var text = nano < 0 ? "-" + String(whole) : String(whole)
        guard fraction > 0 else { return text }
        var digits = 9
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let significant = String(fraction)
        text += "." + String(repeating: "0", count: digits - significant.count) + significant
        return text
    }
}
