import BrokleCore
import BrokleProviders
import BrokleSettings
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Serves `/v1/chat/completions`, `/v1/completions`, `/v1/embeddings` and `/v1/messages` as a
/// chain of stages: authenticate → read → admit → cache lookup → route and attempt → relay →
/// record. Any stage may answer early (a 401, a 400, a 403); whatever happens, an authenticated
/// request is recorded once, by ``RequestRecorder``. Nothing here waits on the database except a
/// key that is not in the cache yet.
///
/// A class: every request's task holds it, and a reference is cheaper to hold than its stages.
final class ProxyHandler: Sendable {
    let settings: GatewaySettings
    let authenticator: Authenticator
    let admission: Admission
    let cache: CacheLookup
    let attempts: RouteStage
    let recorder: RequestRecorder
    let metrics: GatewayMetrics
    /// OpenTelemetry export; nil (off) makes no trace context and reads no trace header.
    let telemetry: GatewayTelemetry?
    /// Which guardrail policy applies to a request; nil: none ever does.
    let guardrails: GuardrailBook?
    /// Whether a request's content is kept; nil: as `BROKLE_LOG_CONTENT` says, for every scope.
    let logging: LoggingBook?

    init(
        settings: GatewaySettings, authenticator: Authenticator, admission: Admission, cache: CacheLookup, attempts: RouteStage,
        recorder: RequestRecorder, metrics: GatewayMetrics, telemetry: GatewayTelemetry? = nil, guardrails: GuardrailBook? = nil,
        logging: LoggingBook? = nil
    ) {
        self.guardrails = guardrails
        self.logging = logging
        self.settings = settings
        self.authenticator = authenticator
        self.admission = admission
        self.cache = cache
        self.attempts = attempts
        self.recorder = recorder
        self.metrics = metrics
        self.telemetry = telemetry
    }

    func handle(_ request: Request, logger: Logger, endpoint: Endpoint, dialect: any ClientDialect = OpenAIDialect()) async -> Response {
        let started = ContinuousClock.now
        let startedAt = Date()
        let requestID = GatewayResponses.requestID(request.headers)
        var logger = logger
        logger[metadataKey: "request.id"] = .string(requestID)

        metrics.requestStarted()
        let key: KeyContext
        do {
            key = try await authenticator.authenticate(request.headers, logger: logger)
        } catch {
            // Not traced: a trace belongs to a key.
            metrics.requestEnded()
            return dialect.errorResponse(error, requestID: requestID)
        }
        var outcome = RequestOutcome(
            requestID: requestID, key: key, endpoint: endpoint, model: "", modelLabel: "unknown",
            startedAt: startedAt, started: started
        )
        outcome.telemetry = telemetry?.requestStarted(IncomingTraceContext(request.headers), endpoint: endpoint)
        let answer: Answer
        do {
            answer = try await serve(request, endpoint: endpoint, dialect: dialect, outcome: &outcome, logger: logger)
        } catch {
            let failure = (error as? GatewayError) ?? .internalError
            if !(error is GatewayError) {
                logger.error("unexpected failure", metadata: ["error": "\(String(describing: type(of: error)))"])
            }
            if outcome.status != .cancelled { outcome.status = .error }
            outcome.error = failure
            outcome.httpStatus = failure.status
            answer = .failure(failure)
        }
        return finish(answer, outcome: outcome, dialect: dialect)
    }

    /// The one exit: records the request and makes its response — for an upstream's answer, a cache
    /// hit and a failure alike; for a stream, the record is made when the relay has ended.
    private func finish(_ answer: consuming Answer, outcome: RequestOutcome, dialect: any ClientDialect) -> Response {
        switch consume answer {
        case .failure(let error):
            recorder.record(outcome, overhead: nil)
            return dialect.errorResponse(error, requestID: outcome.requestID)
        case .whole(let status, let body, var headers, let overhead):
            var outcome = outcome
            outcome.content?.response = body
            if let cost = recorder.record(outcome, overhead: overhead) {
                headers.append(HTTPField(name: GatewayResponses.costHeader, value: CostCalculator.usdText(nano: cost)))
            }
            headers.append(HTTPField(name: GatewayResponses.overheadHeader, value: GatewayResponses.milliseconds(overhead)))
            return GatewayResponses.json(status, body, headers: headers)
        case .stream(let stream, var headers, let overhead, let ended):
            let relay = stream.assembling(outcome.content?.assembly)
            headers.append(HTTPField(name: .contentType, value: "text/event-stream"))
            headers.append(HTTPField(name: .cacheControl, value: "no-cache"))
            headers.append(HTTPField(name: GatewayResponses.overheadHeader, value: GatewayResponses.milliseconds(overhead)))
            let recorder = self.recorder
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody { writer in
                    var finished = outcome.finished(by: await relay.run(writer: &writer))
                    ended?(&finished)
                    recorder.record(finished, overhead: overhead)
                })
        }
    }

    /// The stages after authentication; `outcome` gathers what they learn, for the recorder.
    private func serve(
        _ request: Request, endpoint: Endpoint, dialect: any ClientDialect, outcome: inout RequestOutcome, logger: Logger
    ) async throws -> Answer {
        let received = try await Self.body(of: request, limit: settings.maxBodyBytes)
        let (dialect, body) = try await dialect.begin(received, key: outcome.key)
        var inspector = try RequestInspector(try dialect.openAIBody(body))
        let model = try InboundRequest.model(in: inspector)
        outcome.model = model
        let native = try dialect.nativeBody(body)
        outcome.identity = try RequestIdentity.read(request.headers, body: inspector, native: native, nativeFormat: dialect.wireFormat)
        var inbound = try InboundRequest(
            inspector: inspector, model: model, endpoint: endpoint, catalog: settings.catalog, native: native,
            nativeFormat: dialect.wireFormat, nativeOnly: dialect.nativeOnly
        )
        outcome.modelLabel = inbound.modelLabel
        outcome.limits = try await admission.admit(inbound, key: outcome.key, endUser: outcome.identity.endUser)
        outcome.stream = inbound.stream
        var guardrails = try screen(&inbound, endpoint: endpoint, outcome: &outcome)
        inspector = inbound.inspector
        keepContent(received, inbound: inbound, format: dialect.wireFormat, guardrails: guardrails, outcome: &outcome)
        if telemetry?.settings.captureContent == true {
            outcome.telemetry?.request = guardrails == nil ? received : ByteBuffer(bytes: inbound.native?.bytes ?? inspector.bytes)
        }
        let storing: CacheStoring?
        switch try await cache.lookup(
            inbound, key: outcome.key, endpoint: endpoint, dialect: dialect, headers: request.headers, logger: logger)
        {
        case .off:
            storing = nil
        case .bypass(let kept):
            outcome.cache = CacheOutcome(result: .bypass, embedNanoUSD: kept?.embedNanoUSD)
            storing = kept
        case .miss(let kept):
            outcome.cache = CacheOutcome(result: .miss, embedNanoUSD: kept?.embedNanoUSD)
            storing = kept
        case .hit(let hit):
            return replay(hit, inbound: inbound, dialect: dialect, guardrails: guardrails, outcome: &outcome)
        }

        let upstreamStarted = ContinuousClock.now
        let served: ServedAttempt
        do {
            served = try await attempts.run(
                inbound, endpoint: endpoint, requestID: outcome.requestID, started: upstreamStarted, logger: logger,
                trace: outcome.telemetry)
        } catch {
            outcome.attemptsFailed(error, upstreamTime: ContinuousClock.now - upstreamStarted)
            throw error.error
        }
        outcome.served(served, upstreamStarted: upstreamStarted)
        // Room for every header of the answer (the Date header included), so appending never grows
        // the array; appended, not set: every name is new here, and setting one makes HTTPFields
        // index its names.
        var headers = HTTPFields()
        headers.reserveCapacity(10)
        headers.append(HTTPField(name: GatewayResponses.requestIDHeader, value: outcome.requestID))
        headers.append(HTTPField(name: GatewayResponses.providerHeader, value: served.target.provider))
        headers.append(HTTPField(name: GatewayResponses.modelHeader, value: served.target.model))
        headers.append(HTTPField(name: GatewayResponses.attemptsHeader, value: String(served.failures.count + 1)))
        if let result = outcome.cache?.result { headers.append(HTTPField(name: GatewayResponses.cacheHeader, value: result.header)) }
        let kind = CachedAnswer.Kind(endpoint: endpoint, format: served.reader.format)
        switch served.reply {
        case .complete(let status, let responseBody, _):
            outcome.upstreamTime = ContinuousClock.now - served.started
            outcome.httpStatus = status
            if let usage = served.reader.summary(of: responseBody).usage { outcome.usage = usage }
            let overhead = (ContinuousClock.now - outcome.started) - outcome.routingTime - outcome.upstreamTime
            if let storing, status == 200, let kind,
                let entry = storing.entry(CachedAnswer.whole(Array(buffer: responseBody), kind: kind), outcome: outcome)
            {
                cache.cache?.store(entry)
            }
            var answer = responseBody
            if status == 200, let screened = guardrails?.screenAnswer(responseBody) { answer = screened }
            outcome.noteGuardrails(guardrails, headers: &headers)
            return .whole(
                status: HTTPResponse.Status(code: status),
                body: dialect.answer(answer, format: served.reader.format, requestedModel: model), headers: headers,
                overhead: overhead)

        case .stream(let upstream):
            let encoder = dialect.streamEncoder(
                requestedModel: model, clientWantsUsage: inspector.clientWantsStreamUsage, format: served.reader.format
            )
            var relay = StreamRelay(upstream: upstream, encoder: encoder, reader: served.reader, upstreamStarted: served.started)
            relay.screen = guardrails?.streamScreen(format: served.reader.format)
            outcome.noteGuardrails(guardrails, headers: &headers)
            if let storing, let kind, let responses = cache.cache {
                let streaming = outcome
                relay.onComplete = { events, usage in
                    var completed = streaming
                    (completed.usage, completed.httpStatus) = (usage, 200)
                    if let entry = storing.entry(CachedAnswer.stream(events, kind: kind), outcome: completed) { responses.store(entry) }
                }
            }
            // Overhead of a stream: the gateway's own time before the upstream call.
            return .stream(relay, headers: headers, overhead: upstreamStarted - outcome.started)
        }
    }

    /// The request body, up to `limit` bytes.
    private static func body(of request: Request, limit: Int) async throws(GatewayError) -> ByteBuffer {
        var request = request
        do {
            return try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw .bodyTooLarge(limit: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw .bodyTooLarge(limit: limit)
        } catch {
            throw .invalidRequest("The request body could not be read.")
        }
    }
}
