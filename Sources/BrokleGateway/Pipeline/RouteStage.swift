import BrokleCore
import BrokleProviders
import BrokleSettings
import BrokleTransport
import Foundation
import Logging
import NIOCore

/// The route-and-attempt stage: orders the route's targets (the pure ``RoutePlanner`` over the
/// current circuit health), then tries them in that order — retrying a target on the failures its
/// route retries (with backoff and jitter, honouring Retry-After) and moving to the next on the
/// failures it falls through on (both decided by the pure ``AttemptDecision``), within the
/// per-attempt timeout and the overall deadline. A stream counts as served only once its first
/// bytes have arrived, so a stream can fail over until then and never after the client has seen a byte.
struct RouteStage: Sendable {
    let settings: GatewaySettings
    let providers: ProviderRegistry
    let health: RouteHealth
    let metrics: GatewayMetrics

    /// Runs `request`'s route, each attempt with the body addressed to its target's model.
    func run(
        _ request: InboundRequest, endpoint: Endpoint, requestID: String, started: ContinuousClock.Instant, logger: Logger,
        trace: RequestTelemetry? = nil
    ) async throws(AttemptsFailed) -> ServedAttempt {
        let stream = request.stream
        let inspector = request.inspector
        let native = request.native
        let nativeFormat = request.nativeFormat
        let providers = self.providers
        var candidates = plan(request)
        if let nativeOnly = request.nativeOnly {
            candidates.removeAll { providers[$0.target.provider]?.speaks(nativeFormat) != true }
            if candidates.isEmpty { throw AttemptsFailed(error: nativeOnly, failures: []) }
        }
        return try await attempt(
            route: request.route, candidates: candidates, trackHealth: request.configured, started: started, logger: logger,
            trace: trace
        ) { target in
            let speaksNative = native != nil && providers[target.provider]?.speaks(nativeFormat) == true
            var upstream = UpstreamRequest(
                endpoint: endpoint.upstream(native: speaksNative),
                body: ByteBuffer(bytes: inspector.rewritten(model: target.model, includeUsage: stream)),
                upstreamModel: target.model, stream: stream, includeUsage: stream, requestID: requestID
            )
            // Same format at both ends: the client's bytes go through with only `model` rewritten
            // (Anthropic and Responses streams always report usage: no stream_options to add).
            if speaksNative, let native {
                upstream.native = NativeBody(
                    format: nativeFormat, body: ByteBuffer(bytes: native.rewritten(model: target.model, includeUsage: false)))
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
        let (health, turn) = health.snapshot(route)
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

    /// What the attempts of one request have learnt so far.
    private struct Progress {
        var failures: [AttemptLog] = []
        var lastError: GatewayError?
        var deadline: ContinuousClock.Instant?
        var pastDeadline: Bool { deadline.map { ContinuousClock.now >= $0 } ?? false }
    }

    /// Tries `candidates` in order until one answers.
    /// - Parameters:
    ///   - trackHealth: false for `provider/model` addressing, whose model names come from clients
    ///     (no circuit or metrics per deployment, so label values stay bounded).
    ///   - request: the upstream request for a target (the body names the target's model).
    ///   - trace: the request's trace context; each attempt's call carries its own span's
    ///     `traceparent` (nil: export is off).
    func attempt(
        route: ModelRoute, candidates: [RouteCandidate], trackHealth: Bool, started: ContinuousClock.Instant,
        logger: Logger, trace: RequestTelemetry? = nil, request: (RouteTarget) -> UpstreamRequest
    ) async throws(AttemptsFailed) -> ServedAttempt {
        var progress = Progress(deadline: route.resilience.deadline.map { started + .milliseconds(Int64($0 * 1000)) })
        for candidate in candidates where candidate.available {
            guard let provider = providers[candidate.target.provider] else { continue }
            if let last = progress.failures.last, last.target != candidate.target {
                metrics.fallback(model: route.name, from: last.target.provider)
            }
            if let served = try await attempt(
                candidate.target, provider, route: route, trackHealth: trackHealth, progress: &progress, logger: logger, trace: trace,
                request: request)
            {
                return served
            }
            if progress.pastDeadline { break }
        }
        guard let lastError = progress.lastError else {
            throw AttemptsFailed(error: .noTargetAvailable(route.name), failures: progress.failures)
        }
        if progress.pastDeadline {
            throw AttemptsFailed(error: .deadlineExceeded(route.name, after: progress.failures.count), failures: progress.failures)
        }
        throw AttemptsFailed(error: lastError, failures: progress.failures)
    }

    /// Attempts one target, retrying it as its route says: its answer; nil when the route moves on
    /// (a failure it falls through on, an open circuit, the deadline reached); thrown when the
    /// request fails here.
    private func attempt(
        _ target: RouteTarget, _ provider: any ProviderAdapter, route: ModelRoute, trackHealth: Bool, progress: inout Progress,
        logger: Logger, trace: RequestTelemetry?, request: (RouteTarget) -> UpstreamRequest
    ) async throws(AttemptsFailed) -> ServedAttempt? {
        let resilience = route.resilience
        var retries = 0
        var random = SystemRandomNumberGenerator()
        while true {
            if progress.pastDeadline { return nil }
            if trackHealth && !health.acquire(target) { return nil }
            let attemptStart = ContinuousClock.now
            let startedAt = Date()
            let timeLeft = progress.deadline.map { ($0 - attemptStart).milliseconds / 1000 }
            let timeout = timeLeft.map { min(resilience.attemptTimeout ?? $0, $0) } ?? resilience.attemptTimeout
            var upstream = request(target)
            upstream.timeout = timeout
            if let trace { upstream.traceHeaders = trace.headers(forAttempt: progress.failures.count + 1) }
            let result = await Self.attempt(provider, upstream)
            let latency = ContinuousClock.now - attemptStart
            switch result {
            case .success(let reply):
                if trackHealth { health.record(target, success: true, latency: latency) }
                metrics.attempt(provider: target.provider, outcome: "ok")
                return ServedAttempt(
                    target: target, reply: reply, failures: progress.failures, startedAt: startedAt, started: attemptStart,
                    reader: provider.reader(for: upstream))
            case .failure(let failure):
                if failure.error.code == "cancelled" {
                    throw AttemptsFailed(error: failure.error, failures: progress.failures)
                }
                let kind = FailureKind.of(failure.error)
                // A 4xx says the request is wrong, not the deployment: it does not count against the circuit.
                if trackHealth { health.record(target, success: kind == .client, latency: latency) }
                metrics.attempt(provider: target.provider, outcome: kind.rawValue)
                metrics.providerError(provider: target.provider, type: failure.error.metricLabel)
                logger.warning(
                    "attempt failed",
                    metadata: [
                        "provider.name": "\(target.provider)", "model": "\(target.model)", "error.kind": "\(kind.rawValue)",
                        "error": "\(failure.error.message)", "attempt": "\(progress.failures.count + 1)",
                    ])
                progress.failures.append(
                    AttemptLog(target: target, error: failure.error, kind: kind, latency: latency, startedAt: startedAt))
                progress.lastError = failure.error
                let decision = AttemptDecision.after(
                    kind, retriesDone: retries, resilience: resilience, retryAfter: failure.retryAfter,
                    unit: Double.random(in: 0..<1, using: &random),
                    timeLeft: progress.deadline.map { ($0 - ContinuousClock.now).milliseconds / 1000 })
                switch decision {
                case .retry(let wait):
                    retries += 1
                    metrics.retry(model: route.name, provider: target.provider)
                    do {
                        try await Task.sleep(for: .milliseconds(Int64(wait * 1000)))
                    } catch {
                        throw AttemptsFailed(error: .cancelled, failures: progress.failures)
                    }
                case .nextTarget:
                    return nil
                case .fail:
                    throw AttemptsFailed(error: failure.error, failures: progress.failures)
                }
            }
        }
    }

    private struct Failure: Error {
        var error: GatewayError
        var retryAfter: Double?
    }

    /// One call within its time limit — the call's own, kept by the upstream client (a whole answer
    /// must arrive within it, a stream's first bytes likewise): no timer or task of its own here. A
    /// non-2xx answer becomes a failure carrying the provider's error; a stream is read up to its
    /// first bytes, which are handed on with the rest.
    private static func attempt(_ provider: any ProviderAdapter, _ request: UpstreamRequest) async -> Result<UpstreamReply, Failure> {
        if let timeout = request.timeout, timeout <= 0 { return .failure(Failure(error: .upstreamTimeout(provider.name))) }
        do {
            let reply: UpstreamReply
            switch try await provider.send(request) {
            case .complete(let status, let body, let retryAfter) where !(200..<300).contains(status):
                throw Failure(error: provider.failure(status: status, body: body), retryAfter: retryAfter)
            case .complete(let status, let body, _):
                reply = .complete(status: status, body: body)
            case .stream(let stream):
                reply = .stream(try await PrefetchedStream.start(stream))
            }
            return .success(reply)
        } catch let failure as Failure {
            return .failure(failure)
        } catch let error as GatewayError {
            return .failure(Failure(error: error))
        } catch is CancellationError {
            return .failure(Failure(error: .cancelled))
        } catch {
            // The stream broke before its first bytes: the provider failed, another may not.
            return .failure(Failure(error: .upstreamUnreachable(provider.name)))
        }
    }
}
