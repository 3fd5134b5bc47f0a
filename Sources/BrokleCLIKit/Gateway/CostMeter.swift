import Foundation
import Logging
import Synchronization

/// Prices each finished request: cost from the usage the provider reported, or `unpriced` (null
/// cost, a counter, and one warning per model) when the model has no price. Never a silent zero.
final class CostMeter: Sendable {
    let prices: PriceBook
    let metrics: GatewayMetrics
    let logger: Logger
    private let warned = Mutex<Set<String>>([])

    init(prices: PriceBook, metrics: GatewayMetrics, logger: Logger) {
        self.prices = prices
        self.metrics = metrics
        self.logger = logger
    }

    /// Sets `costNanoUSD` and `costStatus` on the outcome:
    /// `priced`; `estimated` (a stream cut short, counted from what was relayed); `unpriced`;
    /// `not_billed` (nothing was produced: failures before any token).
    func price(_ outcome: inout RequestOutcome) {
        let usage = outcome.usage
        guard let provider = outcome.provider, usage.input + usage.output > 0 else {
            outcome.costNanoUSD = nil
            outcome.costStatus = outcome.provider == nil ? nil : "not_billed"
            return
        }
        let model = outcome.upstreamModel ?? outcome.model
        guard let price = prices.price(provider: provider, model: model) else {
            outcome.costNanoUSD = nil
            outcome.costStatus = "unpriced"
            metrics.unpriced(model: outcome.modelLabel, provider: provider)
            let first = warned.withLock { $0.insert("\(provider)/\(model)").inserted }
            if first {
                logger.warning("no price for this model: its requests are traced with cost null (cost_status unpriced)",
                               metadata: ["provider.name": "\(provider)", "model": "\(model)"])
            }
            return
        }
        let nano = CostCalculator.nanoUSD(usage, price: price)
        outcome.costNanoUSD = nano
        outcome.costStatus = outcome.status == .ok ? "priced" : "estimated"
        metrics.cost(model: outcome.modelLabel, provider: provider, usd: Double(nano) / 1e9)
    }
}
