import BrokleCore
import BrokleProviders
import Foundation

/// What the gateway learns while serving one request, turned into its trace and metrics at the end.
struct RequestOutcome: Sendable {
    var requestID: String
    var key: KeyContext
    var endpoint: Endpoint
    var model: String
    /// The model label for metrics: a configured name, `provider/*` for direct addressing, or `unknown`.
    var modelLabel: String
    var provider: String?
    var upstreamModel: String?
    var stream = false
    var status: TraceRecord.Status = .ok
    var httpStatus: Int?
    var error: GatewayError?
    var usage = TokenUsage()
    var startedAt: Date
    var started: ContinuousClock.Instant
    var firstToken: ContinuousClock.Instant?
    /// How long the attempt that answered took (the last attempt when all failed).
    var upstreamTime: Duration = .zero
    /// Time in earlier, failed attempts and the waits between them.
    var routingTime: Duration = .zero
    var attemptStarted: Date?
    /// Attempts that failed before the one that answered (all of them when none answered).
    var failedAttempts: [AttemptLog] = []
    /// Whether the request reached an attempt that answered (false: only `failedAttempts` exist).
    var servedAttempt = true
    var costNanoUSD: Int64?
    var costStatus: String?
    /// What the response cache did; nil when caching is off for the model.
    var cache: CacheOutcome?
    /// What the admit stage reserved, settled by the recorder.
    var limits = LimitReservation.none
    /// The request's trace context and what its spans will read (nil when export is off).
    var telemetry: RequestTelemetry?
    /// What guardrails did, both ways.
    var guardrails = GuardrailTally()
    /// Who and what the request was for, as the client said.
    var identity = RequestIdentity()
    /// What was asked and answered, when the request's scope keeps content; nil when it is off.
    var content: CapturedContent?

    func trace(finished: ContinuousClock.Instant, overhead: Duration?) -> TraceRecord {
        let latency = (finished - started).milliseconds
        var attempts = failedAttempts.enumerated().map { index, failed in
            TraceAttemptRecord(
                attempt: index + 1, provider: failed.target.provider, model: failed.target.model, status: .error,
                httpStatus: failed.error.status, errorType: failed.error.metricLabel,
                errorMessage: GuardrailRedaction.redact(failed.error.message),
                latencyMs: failed.latency.milliseconds, tokensIn: 0, tokensOut: 0, costNanoUSD: nil, startedAt: failed.startedAt
            )
        }
        if servedAttempt, let provider {
            attempts.append(
                TraceAttemptRecord(
                    attempt: attempts.count + 1, provider: provider, model: upstreamModel ?? model, status: status, httpStatus: httpStatus,
                    errorType: error?.metricLabel, errorMessage: error.map { GuardrailRedaction.redact($0.message) },
                    latencyMs: upstreamTime.milliseconds,
                    tokensIn: usage.input, tokensOut: usage.output, costNanoUSD: costNanoUSD, startedAt: attemptStarted ?? startedAt
                ))
        }
        let fellBack = failedAttempts.contains { $0.target.provider != provider || $0.target.model != upstreamModel }
        var record = TraceRecord(
            id: requestID, organizationID: key.organizationID, projectID: key.projectID, environmentID: key.environmentID,
            apiKeyID: key.keyID, endpoint: endpoint.rawValue, modelRequested: model, provider: provider, modelServed: upstreamModel,
            status: status, httpStatus: httpStatus, errorType: error?.metricLabel ?? (status == .cancelled ? "client_cancelled" : nil),
            errorMessage: error.map { GuardrailRedaction.redact($0.message) } ?? (status == .cancelled ? "the client disconnected" : nil),
            stream: stream,
            attempts: attempts.count, fallback: servedAttempt && fellBack, cacheHit: false, latencyMs: latency,
            ttftMs: firstToken.map { ($0 - started).milliseconds }, overheadMs: overhead?.milliseconds,
            tokensIn: usage.input, tokensOut: usage.output, tokensCached: usage.cachedInput, tokensCacheWrite: usage.cacheWrite,
            tokensReasoning: usage.reasoning, costNanoUSD: costNanoUSD, costStatus: costStatus, startedAt: startedAt,
            finishedAt: startedAt.addingTimeInterval((finished - started).milliseconds / 1000), attemptRecords: attempts
        )
        if !guardrails.isEmpty { record.guardrails = guardrails.jsonText }
        if !identity.isEmpty { record.identity = identity }
        if let content { record.content = content.traceContent }
        if let cache {
            record.cacheHit = cache.isHit
            record.cacheResult = cache.result.rawValue
            record.cacheSimilarity = cache.similarity
            record.savedTokensIn = cache.saved.map { $0.input }
            record.savedTokensOut = cache.saved.map { $0.output }
            record.savedNanoUSD = cache.savedNanoUSD
            record.cacheEmbedNanoUSD = cache.embedNanoUSD
        }
        return record
    }
}
