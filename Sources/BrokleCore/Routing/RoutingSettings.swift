/// Gateway-wide routing knobs (brokle.yaml `routing:`): the circuit breaker every deployment gets,
/// and how much `least-latency` traffic explores.
package struct RoutingSettings: Sendable, Equatable {
    package var circuitBreaker = CircuitBreaker.Policy()
    package var exploration: Double = 0.05

    package init() {}
}
