import Synchronization

/// The live state behind routing decisions, per deployment (`provider/model`): its circuit breaker
/// and latency average, plus each route's round-robin turn. One lock, held for a few arithmetic
/// operations per attempt; state lives in this process only (a second proxy instance keeps its
/// own, which is what a circuit breaker wants: each instance judges what it sees).
final class RouteHealth: Sendable {
    private struct Deployment {
        var breaker: CircuitBreaker
        var latency = LatencyEWMA()
    }

    /// A deployment, without building its `provider/model` id string on every look-up.
    private struct DeploymentKey: Hashable {
        var provider: String
        var model: String
        init(_ target: RouteTarget) { (provider, model) = (target.provider, target.model) }
    }

    private struct State {
        var deployments: [DeploymentKey: Deployment] = [:]
        var turns: [String: UInt64] = [:]
    }

    private let state = Mutex(State())
    private let origin = ContinuousClock.now
    let policy: CircuitBreaker.Policy
    let metrics: GatewayMetrics

    init(policy: CircuitBreaker.Policy, metrics: GatewayMetrics) {
        self.policy = policy
        self.metrics = metrics
    }

    /// Seconds since this gateway started: the clock of the circuit breakers and latency ages.
    func now() -> Double {
        (ContinuousClock.now - origin).milliseconds / 1000
    }

    /// What the planner needs for `route`, and the request's round-robin turn.
    func snapshot(_ route: ModelRoute) -> (health: [String: TargetHealth], turn: UInt64) {
        let now = now()
        return state.withLock { state in
            var health: [String: TargetHealth] = [:]
            for target in route.targets {
                guard let deployment = state.deployments[DeploymentKey(target)] else { continue }
                health[target.id] = TargetHealth(
                    circuit: deployment.breaker.state(at: now), latencyMs: deployment.latency.value,
                    latencyAge: deployment.latency.updatedAt.map { now - $0 }
                )
            }
            var turn: UInt64 = 0
            if route.strategy == .roundRobin {
                turn = state.turns[route.name, default: 0]
                state.turns[route.name] = turn &+ 1
            }
            return (health, turn)
        }
    }

    /// Whether an attempt may go to `target` now (claims the half-open probe).
    func acquire(_ target: RouteTarget) -> Bool {
        let now = now()
        let (allowed, circuit) = state.withLock { state in
            var deployment = state.deployments[DeploymentKey(target)] ?? Deployment(breaker: CircuitBreaker(policy: policy))
            let allowed = deployment.breaker.acquire(at: now)
            state.deployments[DeploymentKey(target)] = deployment
            return (allowed, deployment.breaker.state(at: now))
        }
        metrics.circuit(target, state: circuit)
        return allowed
    }

    /// The outcome of an attempt `acquire` allowed; `latency` is recorded for successes.
    func record(_ target: RouteTarget, success: Bool, latency: Duration) {
        let now = now()
        let circuit = state.withLock { state in
            var deployment = state.deployments[DeploymentKey(target)] ?? Deployment(breaker: CircuitBreaker(policy: policy))
            deployment.breaker.record(success: success, at: now)
            if success { deployment.latency.add(latency.milliseconds, at: now) }
            state.deployments[DeploymentKey(target)] = deployment
            return deployment.breaker.state(at: now)
        }
        metrics.circuit(target, state: circuit)
    }
}
