/// What the gateway knows about a deployment right now.
public struct TargetHealth: Sendable, Equatable {
    public var circuit: CircuitBreaker.State
    /// Recent latency (EWMA, milliseconds), nil before the first success.
    public var latencyMs: Double?
    /// Seconds since the last latency sample, nil when there was none.
    public var latencyAge: Double?

    public init(circuit: CircuitBreaker.State = .closed, latencyMs: Double? = nil, latencyAge: Double? = nil) {
        self.circuit = circuit
        self.latencyMs = latencyMs
        self.latencyAge = latencyAge
    }
}
