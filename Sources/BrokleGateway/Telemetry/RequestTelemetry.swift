import BrokleCore
import BrokleProviders
import Foundation
import Tracing

/// One request's spans: its SERVER span, started when it was authenticated, and the CLIENT span
/// of the attempt that answered. Carried in ``RequestOutcome``; the recorder ends both from the
/// request's trace row, so span and row always say the same.
struct RequestTelemetry: Sendable {
    let telemetry: GatewayTelemetry
    let span: any Span
    /// `gen_ai.operation.name`, also the first word of the span names (`chat gpt-4o`).
    let operation: String
    /// The attempt that answered, ended with the request.
    var served: AttemptTelemetry?

    /// A child span for an attempt at `target`, whose context `upstream` now carries
    /// (`traceparent`, `tracestate`) so the provider's spans join the trace.
    func attemptStarted(_ target: RouteTarget, number: Int, upstream: inout UpstreamRequest) -> AttemptTelemetry {
        let span = telemetry.tracer.startSpan("\(operation) \(target.model)", context: self.span.context, ofKind: .client)
        let peer = telemetry.peers[target.provider]
        span.updateAttributes { attributes in
            attributes.set(GenAIAttributes.operationName, value: .string(operation))
            attributes.set(GenAIAttributes.requestModel, value: .string(target.model))
            if let peer {
                attributes.set(GenAIAttributes.providerName, value: .string(peer.providerName))
                attributes.set(GenAIAttributes.system, value: .string(peer.system))
                if let address = peer.address { attributes.set(GenAIAttributes.serverAddress, value: .string(address)) }
                if let port = peer.port { attributes.set(GenAIAttributes.serverPort, value: .int64(Int64(port))) }
            }
            attributes.set(GenAIAttributes.provider, value: .string(target.provider))
            attributes.set(GenAIAttributes.attempt, value: .int64(Int64(number)))
        }
        telemetry.tracer.inject(span.context, into: &upstream.traceHeaders, using: TraceHeaderWriter())
        let attempt = AttemptTelemetry(span: span, settings: telemetry.settings)
        attempt.sent(upstream)
        return attempt
    }

    /// Ends the spans with what `trace` (the request's row) and `outcome` say.
    func ended(_ trace: TraceRecord, outcome: RequestOutcome) {
        if let served, outcome.servedAttempt, let attempt = trace.attemptRecords.last {
            served.ended(attempt, modelServed: trace.modelServed)
        }
        span.operationName = trace.modelRequested.isEmpty ? operation : "\(operation) \(trace.modelRequested)"
        let peer = trace.provider.flatMap { telemetry.peers[$0] }
        let key = outcome.key
        span.updateAttributes { attributes in
            attributes.set(GenAIAttributes.operationName, value: .string(operation))
            if !trace.modelRequested.isEmpty { attributes.set(GenAIAttributes.requestModel, value: .string(trace.modelRequested)) }
            if let peer {
                attributes.set(GenAIAttributes.providerName, value: .string(peer.providerName))
                attributes.set(GenAIAttributes.system, value: .string(peer.system))
            }
            if let provider = trace.provider { attributes.set(GenAIAttributes.provider, value: .string(provider)) }
            if let model = trace.modelServed { attributes.set(GenAIAttributes.responseModel, value: .string(model)) }
            attributes.set(GenAIAttributes.inputTokens, value: .int64(Int64(trace.tokensIn)))
            attributes.set(GenAIAttributes.outputTokens, value: .int64(Int64(trace.tokensOut)))
            attributes.set(GenAIAttributes.cachedTokens, value: .int64(Int64(trace.tokensCached)))
            if let reasons = served?.span.attributes.get(GenAIAttributes.finishReasons) {
                attributes.set(GenAIAttributes.finishReasons, value: reasons)
            }
            let status = trace.status == .cancelled ? 499 : (trace.httpStatus ?? 200)
            attributes.set(GenAIAttributes.httpStatus, value: .int64(Int64(status)))
            if trace.status != .ok { attributes.set(GenAIAttributes.errorType, value: .string(trace.errorType ?? "error")) }
            attributes.set(GenAIAttributes.requestID, value: .string(trace.id))
            attributes.set(GenAIAttributes.organizationID, value: .string(key.organizationID))
            attributes.set(GenAIAttributes.organization, value: .string(key.orgSlug))
            attributes.set(GenAIAttributes.projectID, value: .string(key.projectID))
            attributes.set(GenAIAttributes.project, value: .string(key.projectSlug))
            attributes.set(GenAIAttributes.environmentID, value: .string(key.environmentID))
            attributes.set(GenAIAttributes.environment, value: .string(key.environmentSlug))
            attributes.set(GenAIAttributes.keyPublicID, value: .string(key.publicID))
            if let nano = trace.costNanoUSD { attributes.set(GenAIAttributes.costUSD, value: .double(Double(nano) / 1e9)) }
            if let status = trace.costStatus { attributes.set(GenAIAttributes.costStatus, value: .string(status)) }
            if let result = trace.cacheResult { attributes.set(GenAIAttributes.cacheResult, value: .string(result)) }
            attributes.set(GenAIAttributes.attempts, value: .int64(Int64(trace.attempts)))
            attributes.set(GenAIAttributes.fallback, value: .bool(trace.fallback))
            attributes.set(GenAIAttributes.limitDecision, value: .string(Self.limitDecision(outcome)))
            attributes.set(GenAIAttributes.stream, value: .bool(trace.stream))
            if let overhead = trace.overheadMs { attributes.set(GenAIAttributes.overheadMs, value: .double(overhead)) }
            if let ttft = trace.ttftMs { attributes.set(GenAIAttributes.ttftMs, value: .double(ttft)) }
        }
        // A server span is in error for the gateway's own failures, not for a client's 4xx.
        if trace.status == .error, (trace.httpStatus ?? 500) >= 500 { span.setStatus(SpanStatus(code: .error)) }
        span.end()
    }

    /// `refused` (a limit answered 429 before any provider was tried), `admitted` (limits were
    /// checked and reserved), or `none` (no limit applies to the request).
    static func limitDecision(_ outcome: RequestOutcome) -> String {
        if outcome.provider == nil, let error = outcome.error, error.status == 429,
            error.code == "rate_limit_exceeded" || error.code == "insufficient_quota"
        {
            return "refused"
        }
        return outcome.limits.isEmpty ? "none" : "admitted"
    }
}
