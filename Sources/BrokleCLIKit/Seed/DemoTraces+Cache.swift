import BrokleCore

extension DemoTraces {
    /// The models the demo runs with the response cache on (every cache hit counts as a lookup too).
    static let cachedModels: Set<String> = ["gpt-4o-mini", "gpt-4o", "claude-3-5-haiku"]

    /// What the response cache did for demo trace `index`, so `brokle cache stats` has figures: a cache
    /// hit is exact (four in five) or semantic and saved what the request would have cost; the other
    /// requests of a cached model missed (or, one in ten, bypassed). Drawn from a stream of its own,
    /// so the other fields are what they were before.
    func cached(_ trace: TraceRecord, _ index: Int) -> TraceRecord {
        guard trace.cacheHit || (Self.cachedModels.contains(trace.modelRequested) && trace.status == .ok) else { return trace }
        var trace = trace
        var random = SeededRandom(
            seed: UInt64(truncatingIfNeeded: index) &* 0xD6E8_FEB8_6659_FD93 ^ SeededRandom.seed(profile + "/cache"))
        guard trace.cacheHit else {
            trace.cacheResult = random.unit() < 0.1 ? "bypass" : "miss"
            return trace
        }
        trace.cacheResult = random.unit() < 0.8 ? "hit_exact" : "hit_semantic"
        (trace.savedTokensIn, trace.savedTokensOut) = (trace.tokensIn, trace.tokensOut)
        if let model = Self.models.first(where: { $0.name == trace.modelRequested }),
            let price = prices.price(provider: model.provider, model: model.name)
        {
            trace.savedNanoUSD = CostCalculator.nanoUSD(
                TokenUsage(input: trace.tokensIn, output: trace.tokensOut, cachedInput: trace.tokensCached), price: price)
        }
        return trace
    }
}
