import BrokleCore
import BrokleProviders
import BrokleSettings
import Foundation

/// What the exporter gets for one sampled request: its trace record — the row the trace writer
/// stores — and what only the spans need. The request's SERVER span and a CLIENT span per attempt
/// are written from it on the exporter's task, so span and row always say the same.
struct RequestSpans: Sendable {
    var trace: TraceRecord
    var telemetry: RequestTelemetry
    var key: KeyContext
    /// `refused` (a limit answered 429 before any provider was tried), `admitted` (limits were
    /// checked and reserved), or `none` (no limit applies to the request).
    var limitDecision: String
    /// Whether the last attempt answered (false when every attempt failed).
    var servedAttempt: Bool

    /// The spans it makes: the request's, and one per attempt.
    var count: Int { 1 + trace.attemptRecords.count }

    init(_ outcome: RequestOutcome, trace: TraceRecord, telemetry: RequestTelemetry) {
        self.trace = trace
        self.telemetry = telemetry
        key = outcome.key
        servedAttempt = outcome.servedAttempt
        if outcome.provider == nil, let error = outcome.error, error.status == 429,
            error.code == "rate_limit_exceeded" || error.code == "insufficient_quota"
        {
            limitDecision = "refused"
        } else {
            limitDecision = outcome.limits.isEmpty ? "none" : "admitted"
        }
    }

    /// Writes the spans into `writer`, with the GenAI semantic conventions' attributes.
    func write<Writer: OTLPWriter>(into writer: inout Writer, peers: [String: TelemetryPeer], settings: TelemetrySettings) {
        let context = telemetry.context
        let operation = telemetry.operation
        let facts = telemetry.answer.map {
            AnswerFacts($0.reader.summary(of: $0.body), body: $0.body.readableBytesView, format: $0.reader.format)
        }
        let input =
            settings.captureContent
            ? telemetry.request.flatMap {
                SpanContent.text(of: $0.readableBytesView, fields: SpanContent.inputFields, limit: settings.contentMaxBytes)
            } : nil
        for (index, attempt) in trace.attemptRecords.enumerated() {
            // The attempt that answered is the last; its span lasts as long as the request (a
            // stream's as long as the stream).
            let isServed = servedAttempt && index == trace.attemptRecords.count - 1
            let start = Self.nanos(attempt.startedAt)
            let end = isServed ? Self.nanos(trace.finishedAt) : start + UInt64(max(0, attempt.latencyMs) * 1_000_000)
            writer.beginSpan(
                OTLPSpanHead(
                    traceHigh: context.traceHigh, traceLow: context.traceLow, spanID: context.attemptSpanID(attempt.attempt),
                    parentSpanID: context.spanID, traceState: context.traceState, name: "\(operation) \(attempt.model)", kind: .client,
                    startNanos: start, endNanos: end))
            writer.attribute(GenAIAttributes.operationName, .string(operation))
            writer.attribute(GenAIAttributes.requestModel, .string(attempt.model))
            if let peer = peers[attempt.provider] {
                writer.attribute(GenAIAttributes.providerName, .string(peer.providerName))
                writer.attribute(GenAIAttributes.system, .string(peer.system))
                if let address = peer.address { writer.attribute(GenAIAttributes.serverAddress, .string(address)) }
                if let port = peer.port { writer.attribute(GenAIAttributes.serverPort, .int(Int64(port))) }
            }
            writer.attribute(GenAIAttributes.provider, .string(attempt.provider))
            writer.attribute(GenAIAttributes.attempt, .int(Int64(attempt.attempt)))
            if let input { writer.attribute(GenAIAttributes.inputMessages, .string(input)) }
            if isServed {
                if let model = facts?.model ?? trace.modelServed { writer.attribute(GenAIAttributes.responseModel, .string(model)) }
                if let reasons = facts?.finishReasons, !reasons.isEmpty {
                    writer.attribute(GenAIAttributes.finishReasons, .strings(reasons))
                }
                writer.attribute(GenAIAttributes.inputTokens, .int(Int64(attempt.tokensIn)))
                writer.attribute(GenAIAttributes.outputTokens, .int(Int64(attempt.tokensOut)))
                if settings.captureContent, let answer = telemetry.answer,
                    let output = SpanContent.text(
                        of: answer.body.readableBytesView, fields: SpanContent.outputFields, limit: settings.contentMaxBytes)
                {
                    writer.attribute(GenAIAttributes.outputMessages, .string(output))
                }
            }
            if let status = attempt.httpStatus { writer.attribute(GenAIAttributes.httpStatus, .int(Int64(status))) }
            if attempt.status != .ok { writer.attribute(GenAIAttributes.errorType, .string(attempt.errorType ?? "error")) }
            writer.endSpan(status: attempt.status == .error ? .error : .unset)
        }
        writeServerSpan(into: &writer, peers: peers, finishReasons: facts?.finishReasons ?? [])
    }

    private func writeServerSpan<Writer: OTLPWriter>(into writer: inout Writer, peers: [String: TelemetryPeer], finishReasons: [String]) {
        let context = telemetry.context
        let operation = telemetry.operation
        writer.beginSpan(
            OTLPSpanHead(
                traceHigh: context.traceHigh, traceLow: context.traceLow, spanID: context.spanID, parentSpanID: context.parentSpanID,
                traceState: context.traceState, name: trace.modelRequested.isEmpty ? operation : "\(operation) \(trace.modelRequested)",
                kind: .server, startNanos: Self.nanos(trace.startedAt), endNanos: Self.nanos(trace.finishedAt)))
        writer.attribute(GenAIAttributes.operationName, .string(operation))
        if !trace.modelRequested.isEmpty { writer.attribute(GenAIAttributes.requestModel, .string(trace.modelRequested)) }
        if let peer = trace.provider.flatMap({ peers[$0] }) {
            writer.attribute(GenAIAttributes.providerName, .string(peer.providerName))
            writer.attribute(GenAIAttributes.system, .string(peer.system))
        }
        if let provider = trace.provider { writer.attribute(GenAIAttributes.provider, .string(provider)) }
        if let model = trace.modelServed { writer.attribute(GenAIAttributes.responseModel, .string(model)) }
        writer.attribute(GenAIAttributes.inputTokens, .int(Int64(trace.tokensIn)))
        writer.attribute(GenAIAttributes.outputTokens, .int(Int64(trace.tokensOut)))
        writer.attribute(GenAIAttributes.cachedTokens, .int(Int64(trace.tokensCached)))
        if !finishReasons.isEmpty { writer.attribute(GenAIAttributes.finishReasons, .strings(finishReasons)) }
        let status = trace.status == .cancelled ? 499 : (trace.httpStatus ?? 200)
        writer.attribute(GenAIAttributes.httpStatus, .int(Int64(status)))
        if trace.status != .ok { writer.attribute(GenAIAttributes.errorType, .string(trace.errorType ?? "error")) }
        writer.attribute(GenAIAttributes.requestID, .string(trace.id))
        writer.attribute(GenAIAttributes.organizationID, .string(key.organizationID))
        writer.attribute(GenAIAttributes.organization, .string(key.orgSlug))
        writer.attribute(GenAIAttributes.projectID, .string(key.projectID))
        writer.attribute(GenAIAttributes.project, .string(key.projectSlug))
        writer.attribute(GenAIAttributes.environmentID, .string(key.environmentID))
        writer.attribute(GenAIAttributes.environment, .string(key.environmentSlug))
        writer.attribute(GenAIAttributes.keyPublicID, .string(key.publicID))
        if let nano = trace.costNanoUSD { writer.attribute(GenAIAttributes.costUSD, .double(Double(nano) / 1e9)) }
        if let costStatus = trace.costStatus { writer.attribute(GenAIAttributes.costStatus, .string(costStatus)) }
        if let result = trace.cacheResult { writer.attribute(GenAIAttributes.cacheResult, .string(result)) }
        writer.attribute(GenAIAttributes.attempts, .int(Int64(trace.attempts)))
        writer.attribute(GenAIAttributes.fallback, .bool(trace.fallback))
        writer.attribute(GenAIAttributes.limitDecision, .string(limitDecision))
        writer.attribute(GenAIAttributes.stream, .bool(trace.stream))
        if let overhead = trace.overheadMs { writer.attribute(GenAIAttributes.overheadMs, .double(overhead)) }
        if let ttft = trace.ttftMs { writer.attribute(GenAIAttributes.ttftMs, .double(ttft)) }
        if let user = trace.endUser { writer.attribute(GenAIAttributes.userID, .string(user)) }
        if let session = trace.sessionID { writer.attribute(GenAIAttributes.sessionID, .string(session)) }
        if let tags = trace.tags { writer.attribute(GenAIAttributes.tags, .strings(tags)) }
        if let metadata = trace.metadata { writer.attribute(GenAIAttributes.metadata, .string(metadata)) }
        // A server span is in error for the gateway's own failures, not for a client's 4xx.
        writer.endSpan(status: trace.status == .error && (trace.httpStatus ?? 500) >= 500 ? .error : .unset)
    }

    /// `date` in nanoseconds since the Unix epoch.
    static func nanos(_ date: Date) -> UInt64 {
        UInt64(max(0, date.timeIntervalSince1970) * 1e9)
    }
}
