import BrokleCore
import BrokleProviders
import BrokleTransport
import Foundation
import Logging
import NIOCore

/// One upstream attempt as it goes into `trace_attempts`.
struct AttemptLog: Sendable {
    var target: RouteTarget
    var error: GatewayError
    var kind: FailureKind
    var latency: Duration
    var startedAt: Date
}

/// What the attempts ended with: the target that answered and its answer (a 2xx response, or a
/// stream whose first bytes have already arrived), after the failed attempts before it.
struct ServedAttempt: Sendable {
    var target: RouteTarget
    var reply: UpstreamReply
    var failures: [AttemptLog]
    var startedAt: Date
    var started: ContinuousClock.Instant
    /// Reads `reply` in the format the provider returned it in.
    var reader: any ReplyReader
    /// The attempt's span, ended with the request (nil when OpenTelemetry export is off).
    var telemetry: AttemptTelemetry?
}

/// Every attempt failed (or none was allowed): the error for the client, and the attempts made.
struct AttemptsFailed: Error {
    var error: GatewayError
    var failures: [AttemptLog]
}

/// Runs a route plan: tries candidates in order, retrying a target on the failures its route
/// retries (with backoff and jitter, honouring Retry-After) and moving to the next on the failures
/// it falls through on, within the per-attempt timeout and the overall deadline. A stream counts as
/// served only once its first bytes have arrived, so a stream can fail over until then and never
/// after the client has seen a byte.
struct AttemptRunner: Sendable {
    let providers: ProviderRegistry
    let health: RouteHealth
    let metrics: GatewayMetrics

    /// - Parameters:
    ///   - trackHealth: false for `provider/model` addressing, whose model names come from clients
    ///     (no circuit or metrics per deployment, so label values stay bounded).
    ///   - request: the upstream request for a target (the body names the target's model).
    ///   - trace: the request's spans, under which each attempt gets its own (nil: export is off).
    func run(
        route: ModelRoute, candidates: [RouteCandidate], trackHealth: Bool, started: ContinuousClock.Instant,
        logger: Logger, trace: RequestTelemetry? = nil, request: (RouteTarget) -> UpstreamRequest
    ) async throws(AttemptsFailed) -> ServedAttempt {
        let resilience = route.resilience
        let deadline = resilience.deadline.map { started + .milliseconds(Int64($0 * 1000)) }
        var failures: [AttemptLog] = []
        var lastError: GatewayError?
        var random = SystemRandomNumberGenerator()

        candidates: for candidate in candidates where candidate.available {
            let target = candidate.target
            guard let provider = providers[target.provider] else { continue }
            if let last = failures.last, last.target != target {
                metrics.fallback(model: route.name, from: last.target.provider)
            }
            var retry = 0
            while true {
                if let deadline, ContinuousClock.now >= deadline { break candidates }
                if trackHealth && !health.acquire(target) { continue candidates }
                let attemptStart = ContinuousClock.now
                let startedAt = Date()
                var timeout = resilience.attemptTimeout
                if let deadline {
                    let left = (deadline - attemptStart).milliseconds / 1000
                    timeout = min(timeout ?? left, left)
                }
                var upstream = request(target)
                let span = trace?.attemptStarted(target, number: failures.count + 1, upstream: &upstream)
                let result = await Self.attempt(provider, upstream, timeout: timeout)
                let latency = ContinuousClock.now - attemptStart
                switch result {
                case .success(let reply):
                    if trackHealth { health.record(target, success: true, latency: latency) }
                    metrics.attempt(provider: target.provider, outcome: "ok")
                    let reader = provider.reader(for: upstream)
                    if let span, case .complete(_, let body, _) = reply { span.answered(body, reader: reader) }
                    return ServedAttempt(
                        target: target, reply: reply, failures: failures, startedAt: startedAt, started: attemptStart, reader: reader,
                        telemetry: span
                    )
                case .failure(let failure):
                    span?.failed(failure.error)
                    if failure.error.code == "cancelled" {
                        throw AttemptsFailed(error: failure.error, failures: failures)
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
                            "error": "\(failure.error.message)", "attempt": "\(failures.count + 1)",
                        ])
                    failures.append(AttemptLog(target: target, error: failure.error, kind: kind, latency: latency, startedAt: startedAt))
                    lastError = failure.error
                    if resilience.retryOn.contains(kind), retry < resilience.retries,
                        let wait = resilience.delay(
                            beforeRetry: retry + 1, retryAfter: failure.retryAfter, unit: Double.random(in: 0..<1, using: &random)),
                        deadline.map({ ContinuousClock.now + .milliseconds(Int64(wait * 1000)) < $0 }) ?? true
                    {
                        retry += 1
                        metrics.retry(model: route.name, provider: target.provider)
                        do {
                            try await Task.sleep(for: .milliseconds(Int64(wait * 1000)))
                        } catch {
                            throw AttemptsFailed(error: .cancelled, failures: failures)
                        }
                        continue
                    }
                    if resilience.fallbackOn.contains(kind) { continue candidates }
                    throw AttemptsFailed(error: failure.error, failures: failures)
                }
            }
        }
        if let lastError {
            if let deadline, ContinuousClock.now >= deadline {
                throw AttemptsFailed(error: .deadlineExceeded(route.name, after: failures.count), failures: failures)
            }
            throw AttemptsFailed(error: lastError, failures: failures)
        }
        throw AttemptsFailed(error: .noTargetAvailable(route.name), failures: failures)
    }

    private struct Failure: Error {
        var error: GatewayError
        var retryAfter: Double?
    }

    /// One call with its timeout. A non-2xx answer becomes a failure carrying the provider's error;
    /// a stream is read up to its first bytes, which are handed on with the rest.
    private static func attempt(_ provider: any ProviderAdapter, _ request: UpstreamRequest, timeout: Double?) async -> Result<
        UpstreamReply, Failure
    > {
        do {
            let reply = try await Deadline.run(seconds: timeout, provider: provider.name) {
                switch try await provider.send(request) {
                case .complete(let status, let body, let retryAfter) where !(200..<300).contains(status):
                    throw Failure(error: provider.failure(status: status, body: body), retryAfter: retryAfter)
                case .complete(let status, let body, _):
                    return UpstreamReply.complete(status: status, body: body)
                case .stream(let stream):
                    return UpstreamReply.stream(try await PrefetchedStream.start(stream))
                }
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
