import BrokleCore
import Synchronization

/// The live state behind routing decisions, per deployment (`provider/model`): its circuit breaker
/// and latency average, plus each route's round-robin turn. One lock, held for a few arithmetic
/// operations per attempt; state lives in this process only (a second proxy instance keeps its
/// own, which is what a circuit breaker wants: each instance judges what it sees).
final class RouteHealth: Sendable {
    private struct Deployment {
        var breaker: CircuitBreaker
        var latency = LatencyEWMA()
        /// The circuit state the gauge was last set to: it is set again only when the state changes.
        var reported: CircuitBreaker.State?

        /// Applies `change`, then hands `report` the circuit's state at `now` if the gauge has not
        /// been given it yet.
        mutating func apply<T>(_ change: (inout Deployment) -> T, at now: Double, report: (CircuitBreaker.State) -> Void) -> T {
            let result = change(&self)
            let circuit = breaker.state(at: now)
            if circuit != reported {
                reported = circuit
                report(circuit)
            }
            return result
        }
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
    private let clock: @Sendable () -> Double
    let policy: CircuitBreaker.Policy
    let metrics: GatewayMetrics

    /// `clock` is in seconds: by default the time since this gateway started (monotonic); tests pass
    /// their own to move past a cooldown without waiting for it.
    init(policy: CircuitBreaker.Policy, metrics: GatewayMetrics, clock: (@Sendable () -> Double)? = nil) {
        self.policy = policy
        self.metrics = metrics
        let origin = ContinuousClock.now
        self.clock = clock ?? { (ContinuousClock.now - origin).milliseconds / 1000 }
    }

    /// The clock of the circuit breakers and latency ages, in seconds.
    func now() -> Double { clock() }

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

    /// Every deployment that has seen an attempt, by `provider/model`: its circuit now and its
    /// latency average (for the dashboard's providers view).
    func deployments() -> [String: TargetHealth] {
        let now = now()
        return state.withLock { state in
            var all: [String: TargetHealth] = [:]
            for (key, deployment) in state.deployments {
                all["\(key.provider)/\(key.model)"] = TargetHealth(
                    circuit: deployment.breaker.state(at: now), latencyMs: deployment.latency.value,
                    latencyAge: deployment.latency.updatedAt.map { now - $0 })
            }
            return all
        }
    }

    /// Whether an attempt may go to `target` now (claims the half-open probe).
    func acquire(_ target: RouteTarget) -> Bool {
        let now = now()
        return update(target, at: now) { $0.breaker.acquire(at: now) }
    }

    /// The outcome of an attempt `acquire` allowed; `latency` is recorded for successes.
    func record(_ target: RouteTarget, success: Bool, latency: Duration) {
        let now = now()
        update(target, at: now) { deployment in
            deployment.breaker.record(success: success, at: now)
            if success { deployment.latency.add(latency.milliseconds, at: now) }
        }
    }

    /// Applies `change` to `target`'s deployment where it is stored (a copy taken out and put back
    /// would copy its breaker's buckets every time) and returns what `change` returned. The circuit
    /// gauge is set when the state differs from what it was last set to, under the lock, so two
    /// changes racing cannot leave it showing the older one.
    @discardableResult
    private func update<T: Sendable>(_ target: RouteTarget, at now: Double, _ change: (inout Deployment) -> T) -> T {
        let (policy, metrics) = (self.policy, self.metrics)
        return state.withLock { state in
            state.deployments[DeploymentKey(target), default: Deployment(breaker: CircuitBreaker(policy: policy))].apply(change, at: now) {
                metrics.circuit(target, state: $0)
            }
        }
    }
}
