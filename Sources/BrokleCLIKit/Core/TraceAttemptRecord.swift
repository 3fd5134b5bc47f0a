import Foundation

/// One upstream attempt of a request (`trace_attempts`).
public struct TraceAttemptRecord: Sendable, Equatable {
    public var attempt: Int
    public var provider: String
    public var model: String
    public var status: TraceRecord.Status
    public var httpStatus: Int?
    public var errorType: String?
    public var errorMessage: String?
    public var latencyMs: Double
    public var tokensIn: Int
    public var tokensOut: Int
    public var costNanoUSD: Int64?
    public var startedAt: Date
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
