import BrokleCore
import BrokleStorage
import Foundation

/// A trace as the dashboard shows it: the listing's fields, and for one trace its attempts and
/// captured content (sent as text; the page renders it as text, never as markup).
struct DashboardTrace: Encodable {
    struct Attempt: Encodable {
        var attempt: Int
        var provider: String
        var model: String
        var status: String
        var httpStatus: Int?
        var errorType: String?
        var latencyMs: Double
    }

    struct Content: Encodable {
        var mode: String
        var request: String
        var requestTruncated: Bool
        var response: String?
        var responseTruncated: Bool
    }

    var id: String
    var startedAt: Date
    var project: String?
    var env: String?
    var key: String?
    var endpoint: String
    var model: String
    var provider: String?
    var modelServed: String?
    var status: String
    var httpStatus: Int?
    var errorType: String?
    var errorMessage: String?
    var stream: Bool
    var attempts: Int
    var fallback: Bool
    var cacheResult: String?
    var latencyMs: Double
    var ttftMs: Double?
    var tokensIn: Int
    var tokensOut: Int
    var costUsd: Decimal?
    var endUser: String?
    var sessionId: String?
    var tags: [String]?
    var attemptsDetail: [Attempt]?
    var content: Content?

    init(_ stored: TraceQueryStore.StoredTrace, whole: Bool) {
        let t = stored.record
        id = t.id
        startedAt = t.startedAt
        project = stored.project
        env = stored.environment
        key = stored.keyPublicID
        endpoint = t.endpoint
        model = t.modelRequested
        provider = t.provider
        modelServed = t.modelServed
        status = t.status.rawValue
        httpStatus = t.httpStatus
        errorType = t.errorType
        errorMessage = t.errorMessage
        stream = t.stream
        attempts = t.attempts
        fallback = t.fallback
        cacheResult = t.cacheResult
        latencyMs = t.latencyMs
        ttftMs = t.ttftMs
        tokensIn = t.tokensIn
        tokensOut = t.tokensOut
        costUsd = t.costNanoUSD.map { CostCalculator.usd(nano: $0) }
        endUser = t.endUser
        sessionId = t.sessionID
        tags = t.tags
        guard whole else { return }
        attemptsDetail = t.attemptRecords.map {
            Attempt(
                attempt: $0.attempt, provider: $0.provider, model: $0.model, status: $0.status.rawValue, httpStatus: $0.httpStatus,
                errorType: $0.errorType, latencyMs: $0.latencyMs)
        }
        content = t.content.map {
            Content(
                mode: $0.mode.rawValue, request: $0.request, requestTruncated: $0.requestTruncated, response: $0.response,
                responseTruncated: $0.responseTruncated)
        }
    }
}
