import Foundation

/// One upstream attempt of a request (`trace_attempts`).
package struct TraceAttemptRecord: Sendable, Equatable {
    package var attempt: Int
    package var provider: String
    package var model: String
    package var status: TraceRecord.Status
    package var httpStatus: Int?
    package var errorType: String?
    package var errorMessage: String?
    package var latencyMs: Double
    package var tokensIn: Int
    package var tokensOut: Int
    package var costNanoUSD: Int64?
    package var startedAt: Date

    package init(
        attempt: Int, provider: String, model: String, status: TraceRecord.Status, httpStatus: Int? = nil, errorType: String? = nil,
        errorMessage: String? = nil, latencyMs: Double, tokensIn: Int, tokensOut: Int, costNanoUSD: Int64? = nil, startedAt: Date
    ) {
        self.attempt = attempt
        self.provider = provider
        self.model = model
        self.status = status
        self.httpStatus = httpStatus
        self.errorType = errorType
        self.errorMessage = errorMessage
        self.latencyMs = latencyMs
        self.tokensIn = tokensIn
        self.tokensOut = tokensOut
        self.costNanoUSD = costNanoUSD
        self.startedAt = startedAt
    }
}

extension TraceAttemptRecord: Codable {
    enum CodingKeys: String, CodingKey {
        case attempt, provider, model, status
        case httpStatus = "http_status"
        case errorType = "error_type"
        case errorMessage = "error_message"
        case latencyMs = "latency_ms"
        case tokensIn = "tokens_in"
        case tokensOut = "tokens_out"
        case costNanoUSD = "cost_nanousd"
        case startedAt = "started_at"
    }
}
