import Foundation

/// One price as written in the shipped pricing.json and in brokle.yaml's `pricing:` (amounts are
/// decimal strings, so they parse exactly).
package struct PriceEntry: Decodable {
    var provider: String
    var model: String
    var aliases: [String]?
    var patterns: [String]?
    var input: String
    var output: String
    var cachedInput: String?
    var cacheWrite: String?
    var reasoning: String?
    var contextWindow: Int?

    enum CodingKeys: String, CodingKey {
        case provider, model, aliases, patterns, input, output, reasoning
        case cachedInput = "cached_input", cacheWrite = "cache_write", contextWindow = "context_window"
    }

    /// The validated price; errors name `source` and the entry.
    package func price(source: String) throws(BrokleError) -> ModelPrice {
        let key = "\(source): \(provider)/\(model)"
        func amount(_ text: String?, _ field: String) throws(BrokleError) -> Decimal? {
            try text.map { (value) throws(BrokleError) in try PriceBook.amount(value, "\(key).\(field)") }
        }
        return ModelPrice(
            provider: provider, model: model, aliases: aliases ?? [],
            patterns: try (patterns ?? []).map { (text) throws(BrokleError) in try ModelPattern(text) },
            input: try amount(input, "input") ?? 0, output: try amount(output, "output") ?? 0,
            cachedInput: try amount(cachedInput, "cached_input"), cacheWrite: try amount(cacheWrite, "cache_write"),
            reasoning: try amount(reasoning, "reasoning"), contextWindow: contextWindow
        )
    }
}
