import Foundation

/// All known prices, and the lookup: for the serving provider, the exact model id, then its
/// aliases (dated snapshots), then its patterns; failing that, the exact id or an alias under any
/// provider (a model served by a reseller or a compatible host). Never a guess beyond that: an
/// unknown model is unpriced, not free.
package struct PriceBook: Sendable, Equatable {
    package var entries: [ModelPrice] { didSet { index = Index(entries) } }
    /// When the shipped prices were checked (`as_of` of the data file).
    package var asOf: String?
    /// `entries` by provider, model and alias, so a request's lookup is a few hash lookups.
    private var index: Index

    package init(entries: [ModelPrice], asOf: String? = nil) {
        self.entries = entries
        self.asOf = asOf
        self.index = Index(entries)
    }

    package static func == (lhs: PriceBook, rhs: PriceBook) -> Bool {
        lhs.entries == rhs.entries && lhs.asOf == rhs.asOf
    }

    package func price(provider: String?, model: String) -> ModelPrice? {
        if let provider, let own = index.byProvider[provider] {
            if let hit = own.models[model] ?? own.aliases[model]
                ?? own.patterned.first(where: { entries[$0].patterns.contains { $0.matches(model) } })
            {
                return entries[hit]
            }
        }
        return (index.models[model] ?? index.aliases[model]).map { entries[$0] }
    }

    /// Positions in `entries`; where several entries qualify, the first one's.
    private struct Index: Sendable {
        struct Provider: Sendable {
            var models: [String: Int] = [:]
            var aliases: [String: Int] = [:]
            var patterned: [Int] = []
        }

        var byProvider: [String: Provider] = [:]
        var models: [String: Int] = [:]
        var aliases: [String: Int] = [:]

        init(_ entries: [ModelPrice]) {
            for (position, entry) in entries.enumerated() {
                var own = byProvider[entry.provider, default: Provider()]
                if own.models[entry.model] == nil { own.models[entry.model] = position }
                for alias in entry.aliases where own.aliases[alias] == nil { own.aliases[alias] = position }
                if !entry.patterns.isEmpty { own.patterned.append(position) }
                byProvider[entry.provider] = own
                if models[entry.model] == nil { models[entry.model] = position }
                for alias in entry.aliases where aliases[alias] == nil { aliases[alias] = position }
            }
        }
    }

    /// `overrides` (from brokle.yaml) win over the shipped entries for the same provider and model.
    package func overridden(by overrides: [ModelPrice]) -> PriceBook {
        let replaced = Set(overrides.map { "\($0.provider)\u{0}\($0.model)" })
        return PriceBook(entries: overrides + entries.filter { !replaced.contains("\($0.provider)\u{0}\($0.model)") }, asOf: asOf)
    }

    /// Parses the pricing data file format (see Sources/BrokleCore/Pricing/pricing.json).
    package static func decode(_ data: Data, source: String) throws(BrokleError) -> PriceBook {
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
    package static func amount(_ text: String, _ what: String) throws(BrokleError) -> Decimal {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.filter({ $0 == "." }).count <= 1, trimmed.allSatisfy({ $0.isASCIIDigit || $0 == "." }),
            let value = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX"))
        else {
            throw BrokleError(.config, "\(what): '\(text)' is not a price (USD per 1M tokens, e.g. 0.15)")
        }
        return value
    }
}
