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
    var upstreamTime: Duration = .zero
    var attemptStarted: Date?
    var costNanoUSD: Int64?
    var costStatus: String?

    func trace(finished: ContinuousClock.Instant, overhead: Duration?) -> TraceRecord {
        let latency = (finished - started).milliseconds
        let attempt = provider.map { provider in
            TraceAttemptRecord(
                attempt: 1, provider: provider, model: upstreamModel ?? model, status: status, httpStatus: httpStatus,
                errorType: error?.metricLabel, errorMessage: error?.message, latencyMs: upstreamTime.milliseconds,
                tokensIn: usage.input, tokensOut: usage.output, costNanoUSD: costNanoUSD, startedAt: attemptStarted ?? startedAt
            )
        }
        return TraceRecord(
            id: requestID, organizationID: key.organizationID, projectID: key.projectID, environmentID: key.environmentID,
            apiKeyID: key.keyID, endpoint: endpoint.rawValue, modelRequested: model, provider: provider, modelServed: upstreamModel,
            status: status, httpStatus: httpStatus, errorType: error?.metricLabel ?? (status == .cancelled ? "client_cancelled" : nil),
            errorMessage: error?.message ?? (status == .cancelled ? "the client disconnected" : nil), stream: stream,
            attempts: attempt == nil ? 0 : 1, fallback: false, cacheHit: false, latencyMs: latency,
            ttftMs: firstToken.map { ($0 - started).milliseconds }, overheadMs: overhead?.milliseconds,
            tokensIn: usage.input, tokensOut: usage.output, tokensCached: usage.cachedInput, tokensCacheWrite: usage.cacheWrite,
            tokensReasoning: usage.reasoning, costNanoUSD: costNanoUSD, costStatus: costStatus, startedAt: startedAt,
            finishedAt: startedAt.addingTimeInterval((finished - started).milliseconds / 1000), attemptRecords: attempt.map { [$0] } ?? []
        )
    }
}
