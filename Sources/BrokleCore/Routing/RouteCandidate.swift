/// One entry of a route plan: a target, where it stands, and why.
package struct RouteCandidate: Sendable, Equatable {
    package var target: RouteTarget
    package var reason: String
    package var circuit: CircuitBreaker.State
    package var latencyMs: Double?
    /// Estimated price of this request on this target (USD), nil when the model has no price.
    package var estimatedCostUSD: Double?
    /// False when the circuit is open: the target is listed (to explain the plan) but not tried.
    package var available: Bool

    package init(
        target: RouteTarget, reason: String, circuit: CircuitBreaker.State, latencyMs: Double? = nil, estimatedCostUSD: Double? = nil,
        available: Bool
    ) {
        self.target = target
        self.reason = reason
        self.circuit = circuit
        self.latencyMs = latencyMs
        self.estimatedCostUSD = estimatedCostUSD
        self.available = available
    }
}
