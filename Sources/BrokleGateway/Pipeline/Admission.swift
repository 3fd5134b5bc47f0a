import BrokleCore
import BrokleSettings

/// The admit stage: whether this key may make this request now, decided before any upstream call —
/// the key's model allow-list, then its limits, budgets and plan quota (``Limiter``), all or
/// nothing. What it reserves is settled by the recorder when the request ends, whatever happened.
struct Admission: Sendable {
    let limiter: Limiter?
    let prices: PriceBook
    let outputEstimate: Int

    init(limiter: Limiter? = nil, prices: PriceBook = PriceBook(entries: []), outputEstimate: Int = LimitSettings().outputEstimate) {
        self.limiter = limiter
        self.prices = prices
        self.outputEstimate = outputEstimate
    }

    func admit(_ request: InboundRequest, key: KeyContext, endUser: String? = nil) async throws(GatewayError) -> LimitReservation {
        guard key.allows(model: request.model) else { throw .modelNotAllowed(request.model) }
        guard let limiter else { return .none }
        let needs = limiter.needs(key: key, endUser: endUser) { estimate(request) }
        guard !needs.isEmpty else { return .none }
        return try await limiter.admit(needs, key: key)
    }

    /// Tokens and money to reserve: the prompt from the body's size, the answer from `max_tokens`
    /// capped by `outputEstimate` (the estimate when absent), priced at the route's dearest target.
    func estimate(_ request: InboundRequest) -> (tokens: Int64, nanoUSD: Int64) {
        let inspector = request.inspector
        let input = RouteCostEstimate.inputTokens(bodyBytes: inspector.bytes.count)
        let asked = inspector.int("max_completion_tokens") ?? inspector.int("max_tokens")
        let output = min(asked ?? outputEstimate, outputEstimate)
        let usd = RouteCostEstimate.usd(request.route, prices: prices, inputTokens: input, outputTokens: output).values.max() ?? 0
        return (Int64(input + output), Int64((usd * 1e9).rounded(.up)))
    }
}
