import Foundation

/// List prices of one model, in USD per million tokens, exact decimals.
package struct ModelPrice: Sendable, Equatable {
    package var provider: String
    package var model: String
    package var aliases: [String]
    package var patterns: [ModelPattern]
    package var input: Decimal { didSet { rates = .init(self) } }
    package var output: Decimal { didSet { rates = .init(self) } }
    /// Cached (cache-read) input; nil: billed as input.
    package var cachedInput: Decimal? { didSet { rates = .init(self) } }
    /// Cache creation (Anthropic); nil: billed as input.
    package var cacheWrite: Decimal? { didSet { rates = .init(self) } }
    /// Reasoning tokens when priced apart from output; nil: billed as output.
    package var reasoning: Decimal? { didSet { rates = .init(self) } }
    package var contextWindow: Int?
    /// The same prices as whole integers, for pricing without Decimal arithmetic on every request
    /// (nil when a price has more than six decimals; then the Decimal path prices it).
    private(set) var rates: IntegerRates?

    package init(
        provider: String, model: String, aliases: [String] = [], patterns: [ModelPattern] = [], input: Decimal, output: Decimal,
        cachedInput: Decimal? = nil, cacheWrite: Decimal? = nil, reasoning: Decimal? = nil, contextWindow: Int? = nil
    ) {
        self.provider = provider
        self.model = model
        self.aliases = aliases
        self.patterns = patterns
        self.input = input
        self.output = output
        self.cachedInput = cachedInput
        self.cacheWrite = cacheWrite
        self.reasoning = reasoning
        self.contextWindow = contextWindow
        self.rates = IntegerRates(self)
    }

    /// Prices in micro-dollars per million tokens (USD × 1e6), with the fallbacks applied: every
    /// shipped or sensible price is a whole number of these, so a cost is an exact integer sum.
    struct IntegerRates: Sendable, Equatable {
        var input: Int64
        var output: Int64
        var cachedInput: Int64
        var cacheWrite: Int64
        var reasoning: Int64

        init?(_ price: ModelPrice) {
            guard let input = Self.micro(price.input), let output = Self.micro(price.output),
                let cachedInput = Self.micro(price.cachedInput ?? price.input),
                let cacheWrite = Self.micro(price.cacheWrite ?? price.input),
                let reasoning = Self.micro(price.reasoning ?? price.output)
            else { return nil }
            (self.input, self.output, self.cachedInput, self.cacheWrite, self.reasoning) = (
                input, output, cachedInput, cacheWrite, reasoning
            )
        }

        /// `usd` × 1e6 when that is a whole number below a trillion (a million dollars per token).
        static func micro(_ usd: Decimal) -> Int64? {
            var scaled = usd * 1_000_000
            var whole = Decimal()
            NSDecimalRound(&whole, &scaled, 0, .plain)
            guard whole == scaled, whole >= 0, whole < 1_000_000_000_000 else { return nil }
            return NSDecimalNumber(decimal: whole).int64Value
        }
    }
}
