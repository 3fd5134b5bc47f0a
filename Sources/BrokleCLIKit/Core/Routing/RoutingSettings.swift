/// Gateway-wide routing knobs (brokle.yaml `routing:`): the circuit breaker every deployment gets,
/// and how much `least-latency` traffic explores.
public struct RoutingSettings: Sendable, Equatable {
    public var circuitBreaker = CircuitBreaker.Policy()
    public var exploration: Double = 0.05

    public init() {}
}
