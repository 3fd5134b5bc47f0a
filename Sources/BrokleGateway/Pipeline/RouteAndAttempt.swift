import BrokleCore
import BrokleProviders
import BrokleSettings
import Logging
import NIOCore

/// The route-and-attempt stage: orders the route's targets (the pure ``RoutePlanner`` over the
/// current circuit health) and runs the attempts in that order, each with the body addressed to
/// its target's model.
struct RouteAndAttempt: Sendable {
    let settings: GatewaySettings
    let runner: AttemptRunner

    func run(
        _ request: InboundRequest, endpoint: Endpoint, requestID: String, started: ContinuousClock.Instant, logger: Logger,
        trace: RequestTelemetry? = nil
    ) async throws(AttemptsFailed) -> ServedAttempt {
        let stream = request.stream
        let inspector = request.inspector
        let anthropic = request.anthropic
        let providers = runner.providers
        return try await runner.run(
            route: request.route, candidates: plan(request), trackHealth: request.configured, started: started, logger: logger,
            trace: trace
        ) { target in
            var upstream = UpstreamRequest(
                endpoint: endpoint, body: ByteBuffer(bytes: inspector.rewritten(model: target.model, includeUsage: stream)),
                upstreamModel: target.model, stream: stream, includeUsage: stream, requestID: requestID
            )
            // Same dialect at both ends: the client's bytes go through with only `model` rewritten
            // (Anthropic streams always report usage: no stream_options to add).
            if let anthropic, providers[target.provider]?.speaksAnthropicMessages == true {
                upstream.anthropicBody = ByteBuffer(bytes: anthropic.rewritten(model: target.model, includeUsage: false))
            }
            return upstream
        }
    }

    /// The order in which to try the route's targets for this request.
    func plan(_ request: InboundRequest) -> [RouteCandidate] {
        let route = request.route
        // One target has one order. Its circuit is still checked: `acquire` refuses an open one
        // (as the plan would have skipped it) and claims the half-open probe.
        guard route.targets.count > 1 else {
            return route.targets.map { RouteCandidate(target: $0, reason: "primary", circuit: .closed, available: true) }
        }
        let (health, turn) = runner.health.snapshot(route)
        var inputs = RoutePlanner.Inputs(health: health, turn: turn, exploration: settings.routing.exploration)
        if route.strategy == .lowestCost {
            let inspector = request.inspector
            inputs.estimatedCostUSD = RouteCostEstimate.usd(
                route, prices: settings.prices, inputTokens: RouteCostEstimate.inputTokens(bodyBytes: inspector.bytes.count),
                outputTokens: RouteCostEstimate.outputTokens(
                    maxTokens: inspector.int("max_completion_tokens") ?? inspector.int("max_tokens"))
            )
        }
        var random = SystemRandomNumberGenerator()
        return RoutePlanner.plan(route, inputs, random: &random)
    }
}
