import Logging
import Synchronization

/// The record stage, and the only one: prices the request, records its metrics and queues its
/// trace, exactly once per authenticated request — plain answers, streams, cancellations and
/// failures alike. Never waits on the database (the trace goes to a bounded queue).
final class RequestRecorder: Sendable {
    let prices: PriceBook
    let metrics: GatewayMetrics
    let traces: TraceWriter
    let logger: Logger
    /// Models already warned about as unpriced: one warning each, not one per request.
    private let warned = Mutex<Set<String>>([])

    init(prices: PriceBook, metrics: GatewayMetrics, traces: TraceWriter, logger: Logger) {
        self.prices = prices
        self.metrics = metrics
        self.traces = traces
        self.logger = logger
    }

    /// Records `outcome`, which has ended; returns its cost in nano-USD when priced (for the
    /// `x-brokle-cost-usd` header of a whole answer).
    @discardableResult
    func record(_ outcome: RequestOutcome, overhead: Duration?) -> Int64? {
        var outcome = outcome
        let cost = Self.price(outcome, prices: prices)
        outcome.costNanoUSD = cost.nanoUSD
        outcome.costStatus = cost.status
        let now = ContinuousClock.now
        metrics.requestEnded()
        let provider = outcome.provider ?? "none"
        if let nano = cost.nanoUSD {
            metrics.cost(model: outcome.modelLabel, provider: provider, usd: Double(nano) / 1e9)
        } else if cost.status == RequestCost.unpriced {
            warnUnpriced(outcome, provider: provider)
        }
        metrics.request(
            endpoint: outcome.endpoint, model: outcome.modelLabel, provider: provider,
            status: outcome.status == .cancelled ? 499 : (outcome.httpStatus ?? 200), duration: now - outcome.started, overhead: overhead
        )
        metrics.tokens(
            model: outcome.modelLabel, provider: provider, input: outcome.usage.input, output: outcome.usage.output,
            cached: outcome.usage.cachedInput, reasoning: outcome.usage.reasoning)
        if let first = outcome.firstToken {
            metrics.timeToFirstToken(model: outcome.modelLabel, provider: provider, first - outcome.started)
        }
        traces.enqueue(outcome.trace(finished: now, overhead: overhead))
        return cost.nanoUSD
    }

    /// The cost of `outcome` from the usage the provider reported: `priced`; `estimated` (a stream
    /// cut short, counted from what was relayed); `unpriced` (null cost: the model has no price —
    /// never a silent zero); `not_billed` (nothing was produced); no status when no provider was
    /// reached.
    static func price(_ outcome: RequestOutcome, prices: PriceBook) -> RequestCost {
        let usage = outcome.usage
        guard let provider = outcome.provider else { return RequestCost(nanoUSD: nil, status: nil) }
        guard usage.input + usage.output > 0 else { return RequestCost(nanoUSD: nil, status: RequestCost.notBilled) }
        guard let price = prices.price(provider: provider, model: outcome.upstreamModel ?? outcome.model) else {
            return RequestCost(nanoUSD: nil, status: RequestCost.unpriced)
        }
        return RequestCost(nanoUSD: CostCalculator.nanoUSD(usage, price: price), status: outcome.status == .ok ? "priced" : "estimated")
    }

    private func warnUnpriced(_ outcome: RequestOutcome, provider: String) {
        let model = outcome.upstreamModel ?? outcome.model
        metrics.unpriced(model: outcome.modelLabel, provider: provider)
        let first = warned.withLock { $0.insert("\(provider)/\(model)").inserted }
        if first {
            logger.warning(
                "no price for this model: its requests are traced with cost null (cost_status unpriced)",
                metadata: ["provider.name": "\(provider)", "model": "\(model)"])
        }
    }
}

/// What one request cost, as its trace records it.
struct RequestCost: Sendable, Equatable {
    static let unpriced = "unpriced"
    static let notBilled = "not_billed"

    var nanoUSD: Int64?
    var status: String?
}
