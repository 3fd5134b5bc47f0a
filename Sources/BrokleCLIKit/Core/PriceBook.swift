import Foundation

/// List prices of one model, in USD per million tokens, exact decimals.
public struct ModelPrice: Sendable, Equatable {
    public var provider: String
    public var model: String
    public var aliases: [String]
    public var patterns: [ModelPattern]
    public var input: Decimal
    public var output: Decimal
    /// Cached (cache-read) input; nil: billed as input.
    public var cachedInput: Decimal?
    /// Cache creation (Anthropic); nil: billed as input.
    public var cacheWrite: Decimal?
    /// Reasoning tokens when priced apart from output; nil: billed as output.
    public var reasoning: Decimal?
    public var contextWindow: Int?

    public init(provider: String, model: String, aliases: [String] = [], patterns: [ModelPattern] = [], input: Decimal, output: Decimal,
                cachedInput: Decimal? = nil, cacheWrite: Decimal? = nil, reasoning: Decimal? = nil, contextWindow: Int? = nil) {
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
    }
}

/// All known prices, and the lookup: for the serving provider, the exact model id, then its
/// aliases (dated snapshots), then its patterns; failing that, the exact id or an alias under any
/// provider (a model served by a reseller or a compatible host). Never a guess beyond that: an
/// unknown model is unpriced, not free.
public struct PriceBook: Sendable, Equatable {
    public var entries: [ModelPrice]
    /// When the shipped prices were checked (`as_of` of the data file).
    public var asOf: String?

    public init(entries: [ModelPrice], asOf: String? = nil) {
        self.entries = entries
        self.asOf = asOf
    }

    public func price(provider: String?, model: String) -> ModelPrice? {
        let own = provider.map { name in entries.filter { $0.provider == name } } ?? []
        if let hit = own.first(where: { $0.model == model }) ?? own.first(where: { $0.aliases.contains(model) })
            ?? own.first(where: { $0.patterns.contains { $0.matches(model) } }) {
            return hit
        }
        return entries.first { $0.model == model } ?? entries.first { $0.aliases.contains(model) }
    }

    /// `overrides` (from brokle.yaml) win over the shipped entries for the same provider and model.
    public func overridden(by overrides: [ModelPrice]) -> PriceBook {
        let replaced = Set(overrides.map { "\($0.provider)\u{0}\($0.model)" })
        return PriceBook(entries: overrides + entries.filter { !replaced.contains("\($0.provider)\u{0}\($0.model)") }, asOf: asOf)
    }

    /// Parses the pricing data file format (see Sources/BrokleCLIKit/Pricing/pricing.json).
    public static func decode(_ data: Data, source: String) throws(BrokleError) -> PriceBook {
        struct File: Decodable {
            var asOf: String?
            var models: [PriceEntry]
            enum CodingKeys: String, CodingKey { case asOf = "as_of", models }
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw BrokleError(.config, "\(source): not a valid pricing file: \(error)")
        }
        var entries: [ModelPrice] = []
        for entry in file.models { entries.append(try entry.price(source: source)) }
        return PriceBook(entries: entries, asOf: file.asOf)
    }

    /// A price as an exact decimal: digits with at most one point, no exponent, not negative.
    public static func amount(_ text: String, _ what: String) throws(BrokleError) -> Decimal {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.filter({ $0 == "." }).count <= 1, trimmed.allSatisfy({ $0.isASCIIDigit || $0 == "." }),
              let value = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX")) else {
            throw BrokleError(.config, "\(what): '\(text)' is not a price (USD per 1M tokens, e.g. 0.15)")
        }
        return value
    }
}
