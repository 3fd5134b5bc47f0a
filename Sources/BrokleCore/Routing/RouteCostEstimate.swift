/// A request's estimated price on each target, for `lowest-cost` routing and `brokle route test`:
/// the token counts are estimates (the prompt's size, the requested maximum output), the prices are
/// the gateway's price book.
package enum RouteCostEstimate {
    /// Roughly four bytes of JSON per prompt token; a floor keeps tiny prompts comparable.
    package static func inputTokens(bodyBytes: Int) -> Int {
        max(1, bodyBytes / 4)
    }

    /// The requested maximum, or a typical short answer when none was given.
    package static func outputTokens(maxTokens: Int?) -> Int {
        maxTokens.map { max(1, $0) } ?? 256
    }

    /// USD by ``RouteTarget/id``; targets without a price are left out.
    package static func usd(_ route: ModelRoute, prices: PriceBook, inputTokens: Int, outputTokens: Int) -> [String: Double] {
        var costs: [String: Double] = [:]
        for target in route.targets {
            guard let price = prices.price(provider: target.provider, model: target.model) else { continue }
            let nano = CostCalculator.nanoUSD(TokenUsage(input: inputTokens, output: outputTokens), price: price)
            costs[target.id] = Double(nano) / 1e9
        }
        return costs
    }
}
