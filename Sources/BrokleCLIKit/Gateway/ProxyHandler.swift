import Foundation
import Hummingbird
import Logging
import NIOCore

/// Serves `/v1/chat/completions`, `/v1/completions` and `/v1/embeddings`: authenticate, read only
/// what routing needs, forward the body (model rewritten) to the provider, relay the answer —
/// whole or as a stream — and hand the outcome to the trace writer. Nothing here waits on the
/// database except a key that is not in the cache yet.
struct ProxyHandler: Sendable {
    let settings: GatewaySettings
    let runner: AttemptRunner
    var health: RouteHealth { runner.health }
    let authenticator: Authenticator
    let traces: TraceWriter
    let metrics: GatewayMetrics
    let costs: CostMeter

    func handle(_ request: Request, context: some RequestContext, endpoint: Endpoint, dialect: InboundDialect = .openAI) async -> Response {
        let started = ContinuousClock.now
        let startedAt = Date()
        let requestID = GatewayResponses.requestID(request.headers)
        var logger = context.logger
        logger[metadataKey: "request.id"] = .string(requestID)

        metrics.requestStarted()
        let key: KeyContext
        do {
            key = try await authenticator.authenticate(request.headers, logger: logger)
        } catch {
            metrics.requestEnded()
            return dialect.errorResponse(error, requestID: requestID)
        }
        var outcome = RequestOutcome(
            requestID: requestID, key: key, endpoint: endpoint, model: "", modelLabel: "unknown",
            startedAt: startedAt, started: started
        )
        do {
            return try await forward(request, endpoint: endpoint, dialect: dialect, outcome: &outcome, logger: logger)
        } catch {
            let failure = (error as? GatewayError) ?? .internalError
            if !(error is GatewayError) { logger.error("unexpected failure", metadata: ["error": "\(String(describing: type(of: error)))"]) }
            if outcome.status != .cancelled { outcome.status = .error }
            outcome.error = failure
            outcome.httpStatus = failure.status
            finish(outcome, overhead: nil)
            return dialect.errorResponse(failure, requestID: requestID)
        }
    }

    private func forward(
        _ request: Request, endpoint: Endpoint, dialect: InboundDialect, outcome: inout RequestOutcome, logger: Logger
    ) async throws -> Response {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: settings.maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw GatewayError.bodyTooLarge(limit: settings.maxBodyBytes)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw GatewayError.bodyTooLarge(limit: settings.maxBodyBytes)
        } catch {
            throw GatewayError.invalidRequest("The request body could not be read.")
        }
        let inspector = try RequestInspector(try dialect.openAIBody(body))
        guard let model = inspector.string("model"), !model.isEmpty else {
            throw GatewayError.missingParameter("model")
        }
        outcome.model = model
        let required = switch endpoint {
        case .chatCompletions: "messages"
        case .completions: "prompt"
        case .embeddings: "input"
        }
        guard inspector.has(required) else {
            throw GatewayError.missingParameter(required)
        }
        guard let route = settings.catalog.route(model) else { throw GatewayError.modelNotFound(model) }
        let configured = settings.catalog.isConfigured(model)
        outcome.modelLabel = configured ? model : "\(route.provider)/*"
        guard outcome.key.allows(model: model) else { throw GatewayError.modelNotAllowed(model) }

        let stream = endpoint.supportsStreaming && (inspector.bool("stream") ?? false)
        outcome.stream = stream
        let candidates = plan(route, inspector: inspector)
        let requestID = outcome.requestID
        let upstreamStarted = ContinuousClock.now
        let served: ServedAttempt
        do {
            served = try await runner.run(route: route, candidates: candidates, trackHealth: configured, started: upstreamStarted, logger: logger) { target in
                UpstreamRequest(
                    endpoint: endpoint, body: ByteBuffer(bytes: inspector.rewritten(model: target.model, includeUsage: stream)),
                    upstreamModel: target.model, stream: stream, includeUsage: stream, requestID: requestID
                )
            }
        } catch {
            outcome.failedAttempts = error.failures
            outcome.servedAttempt = false
            if let last = error.failures.last {
                outcome.provider = last.target.provider
                outcome.upstreamModel = last.target.model
            }
            outcome.upstreamTime = ContinuousClock.now - upstreamStarted
            if error.error == .cancelled { outcome.status = .cancelled }
            throw error.error
        }
        let provider = served.target.provider
        outcome.provider = provider
        outcome.upstreamModel = served.target.model
        outcome.failedAttempts = served.failures
        outcome.attemptStarted = served.startedAt
        outcome.routingTime = served.started - upstreamStarted
        let reply = served.reply
        let headers: HTTPFields = [
            GatewayResponses.requestIDHeader: outcome.requestID,
            GatewayResponses.providerHeader: provider,
            GatewayResponses.modelHeader: served.target.model,
            GatewayResponses.attemptsHeader: String(served.failures.count + 1),
        ]
        switch reply {
        case .complete(let status, let responseBody, _):
            outcome.upstreamTime = ContinuousClock.now - served.started
            outcome.httpStatus = status
            if let usage = OpenAIWire.envelope(responseBody.readableBytesView)?.usage { outcome.usage = usage.neutral }
            costs.price(&outcome)
            var allHeaders = headers
            if let nano = outcome.costNanoUSD { allHeaders[GatewayResponses.costHeader] = CostCalculator.usdText(nano: nano) }
            let overhead = (ContinuousClock.now - outcome.started) - outcome.routingTime - outcome.upstreamTime
            allHeaders[GatewayResponses.overheadHeader] = GatewayResponses.milliseconds(overhead)
            finish(outcome, overhead: overhead)
            return GatewayResponses.json(HTTPResponse.Status(code: status), dialect.answer(responseBody, requestedModel: model), headers: allHeaders)

        case .stream(let upstream):
            // Overhead of a stream: the gateway's own time before the upstream call.
            let overhead = upstreamStarted - outcome.started
            var allHeaders = headers
            allHeaders[.contentType] = "text/event-stream"
            allHeaders[.cacheControl] = "no-cache"
            allHeaders[GatewayResponses.overheadHeader] = GatewayResponses.milliseconds(overhead)
            let relay = StreamRelay(
                upstream: upstream, encoder: dialect.streamEncoder(requestedModel: model, clientWantsUsage: inspector.clientWantsStreamUsage), outcome: outcome,
                upstreamStarted: served.started, handler: self, overhead: overhead
            )
            return Response(status: .ok, headers: allHeaders, body: ResponseBody { writer in
                await relay.run(writer: &writer)
            })
        }
    }

    /// The order in which to try `route`'s targets for this request.
    private func plan(_ route: ModelRoute, inspector: RequestInspector) -> [RouteCandidate] {
        // One target has one order. Its circuit is still checked: `acquire` refuses an open one
        // (as the plan would have skipped it) and claims the half-open probe.
        guard route.targets.count > 1 else {
            return route.targets.map { RouteCandidate(target: $0, reason: "primary", circuit: .closed, available: true) }
        }
        let (health, turn) = self.health.snapshot(route)
        var inputs = RoutePlanner.Inputs(health: health, turn: turn, exploration: settings.routing.exploration)
        if route.strategy == .lowestCost {
            inputs.estimatedCostUSD = RouteCostEstimate.usd(
                route, prices: settings.prices, inputTokens: RouteCostEstimate.inputTokens(bodyBytes: inspector.bytes.count),
                outputTokens: RouteCostEstimate.outputTokens(maxTokens: inspector.int("max_completion_tokens") ?? inspector.int("max_tokens"))
            )
        }
        var random = SystemRandomNumberGenerator()
        return RoutePlanner.plan(route, inputs, random: &random)
    }

    /// Records metrics and queues the trace; never waits on the database. Called once per
    /// authenticated request, when its answer (or stream) has ended.
    func finish(_ outcome: RequestOutcome, overhead: Duration?) {
        let now = ContinuousClock.now
        metrics.requestEnded()
        var outcome = outcome
        if outcome.costStatus == nil { costs.price(&outcome) }
        let provider = outcome.provider ?? "none"
        metrics.request(
            endpoint: outcome.endpoint, model: outcome.modelLabel, provider: provider,
            status: outcome.status == .cancelled ? 499 : (outcome.httpStatus ?? 200), duration: now - outcome.started, overhead: overhead
        )
        metrics.tokens(model: outcome.modelLabel, provider: provider, input: outcome.usage.input, output: outcome.usage.output,
                       cached: outcome.usage.cachedInput, reasoning: outcome.usage.reasoning)
        if let first = outcome.firstToken { metrics.timeToFirstToken(model: outcome.modelLabel, provider: provider, first - outcome.started) }
        traces.enqueue(outcome.trace(finished: now, overhead: overhead))
    }
}
