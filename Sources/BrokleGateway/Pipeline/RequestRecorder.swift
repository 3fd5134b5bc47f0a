import BrokleCore
import Logging
import Synchronization

/// The record stage, and the only one: prices the request, records its metrics and queues its
/// trace, exactly once per authenticated request — plain answers, streams, cancellations and
/// failures alike. Never waits on the database (the trace goes to a bounded queue).
final class RequestRecorder: Sendable {
    let prices: PriceBook
    let metrics: GatewayMetrics
    let traces: TraceWriter
    let limiter: Limiter?
    let logger: Logger
    /// Models already warned about as unpriced: one warning each, not one per request.
    private let warned = Mutex<Set<String>>([])

    init(prices: PriceBook, metrics: GatewayMetrics, traces: TraceWriter, limiter: Limiter? = nil, logger: Logger) {
        self.prices = prices
        self.metrics = metrics
        self.traces = traces
        self.limiter = limiter
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
        limiter?.settle(
            outcome.limits, tokens: Int64(outcome.usage.input + outcome.usage.output), nanoUSD: outcome.costNanoUSD ?? 0)
        if var cache = outcome.cache {
            cache.savedNanoUSD = Self.saved(cache, prices: prices)
            outcome.cache = cache
            metrics.cacheLookup(model: outcome.modelLabel, result: cache.result.rawValue)
            if let saved = cache.saved, cache.isHit {
                metrics.cacheSaved(
                    model: outcome.modelLabel, input: saved.input, output: saved.output, usd: cache.savedNanoUSD.map { Double($0) / 1e9 })
            }
        }
        if !outcome.guardrails.isEmpty { metrics.guardrails(outcome.guardrails) }
        let provider = outcome.provider ?? "none"
        if cost.nanoUSD == nil, cost.status == RequestCost.unpriced { warnUnpriced(outcome, provider: provider) }
        metrics.requestMetrics(endpoint: outcome.endpoint, model: outcome.modelLabel, provider: provider).record(
            .init(
                status: outcome.status == .cancelled ? 499 : (outcome.httpStatus ?? 200), duration: now - outcome.started,
                overhead: overhead, usage: outcome.usage, usd: cost.nanoUSD.map { Double($0) / 1e9 },
                firstToken: outcome.firstToken.map { $0 - outcome.started }))
        let trace = outcome.trace(finished: now, overhead: overhead)
        // Sampled requests' spans go with their trace, to be written off the event loop.
        if let telemetry = outcome.telemetry, telemetry.context.sampled {
            traces.enqueue(trace, spans: RequestSpans(outcome, trace: trace, telemetry: telemetry))
        } else {
            traces.enqueue(trace)
        }
        return cost.nanoUSD
    }

    /// The cost of `outcome` from the usage the provider reported: `priced`; `estimated` (a stream
    /// cut short, counted from what was relayed); `unpriced` (null cost: the model has no price —
    /// never a silent zero); `not_billed` (nothing was produced); no status when no provider was
    /// reached.
    static func price(_ outcome: RequestOutcome, prices: PriceBook) -> RequestCost {
        let embedding = outcome.cache?.embedNanoUSD
        // A cache hit spent nothing upstream: only its embedding, if a provider embedder made one.
        if outcome.cache?.isHit == true { return RequestCost(nanoUSD: embedding ?? 0, status: RequestCost.cached) }
        let usage = outcome.usage
        guard let provider = outcome.provider else { return RequestCost(nanoUSD: embedding, status: nil) }
        guard usage.input + usage.output > 0 else { return RequestCost(nanoUSD: embedding, status: RequestCost.notBilled) }
        guard let price = prices.price(provider: provider, model: outcome.upstreamModel ?? outcome.model) else {
            return RequestCost(nanoUSD: nil, status: RequestCost.unpriced)
        }
        return RequestCost(
            nanoUSD: CostCalculator.nanoUSD(usage, price: price) + (embedding ?? 0), status: outcome.status == .ok ? "priced" : "estimated")
    }

    /// What a hit saved: the stored answer's tokens at today's price of the model that served it
    /// (nil when that model has no price).
    static func saved(_ cache: CacheOutcome, prices: PriceBook) -> Int64? {
        guard cache.isHit, let saved = cache.saved, let provider = cache.savedProvider, let model = cache.savedModel,
            let price = prices.price(provider: provider, model: model)
        else { return nil }
        return CostCalculator.nanoUSD(saved, price: price)
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
    static let cached = "cached"

    var nanoUSD: Int64?
    var status: String?
}
