/// One entry of a route plan: a target, where it stands, and why.
public struct RouteCandidate: Sendable, Equatable {
    public var target: RouteTarget
    public var reason: String
    public var circuit: CircuitBreaker.State
    public var latencyMs: Double?
    /// Estimated price of this request on this target (USD), nil when the model has no price.
    public var estimatedCostUSD: Double?
    /// False when the circuit is open: the target is listed (to explain the plan) but not tried.
    public var available: Bool
}
