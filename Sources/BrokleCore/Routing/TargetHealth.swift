/// What the gateway knows about a deployment right now.
package struct TargetHealth: Sendable, Equatable {
    package var circuit: CircuitBreaker.State
    /// Recent latency (EWMA, milliseconds), nil before the first success.
    package var latencyMs: Double?
    /// Seconds since the last latency sample, nil when there was none.
    package var latencyAge: Double?

    package init(circuit: CircuitBreaker.State = .closed, latencyMs: Double? = nil, latencyAge: Double? = nil) {
        self.circuit = circuit
        self.latencyMs = latencyMs
        self.latencyAge = latencyAge
    }
}
