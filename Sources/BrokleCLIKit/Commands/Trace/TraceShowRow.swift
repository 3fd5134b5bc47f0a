import BrokleCore
import BrokleStorage
import Foundation

/// One trace whole, as `brokle trace show` prints it: every field of a `trace query` line (without
/// the cursor), every attempt in full (`attempts_detail`), and `content` — null unless the trace's
/// scope captured it — with the request and response as JSON when they parse, else as strings
/// (a text cut at the byte cap no longer parses), and `*_truncated` when they were cut.
struct TraceShowRow: OutputRow {
    static let columns = ["id"]

    struct Attempt: Encodable {
        var attempt: Int
        var provider: String
        var model: String
        var status: TraceRecord.Status
        @Nullable var httpStatus: Int?
        @Nullable var errorType: String?
        @Nullable var errorMessage: String?
        var latencyMs: Double
        var tokensIn: Int
        var tokensOut: Int
        @Nullable var costUSD: Decimal?
        var startedAt: Date

        enum CodingKeys: String, CodingKey {
            case attempt, provider, model, status, httpStatus = "http_status", errorType = "error_type", errorMessage = "error_message"
            case latencyMs = "latency_ms", tokensIn = "tokens_in", tokensOut = "tokens_out", costUSD = "cost_usd", startedAt = "started_at"
        }

        init(_ a: TraceAttemptRecord) {
            (attempt, provider, model, status) = (a.attempt, a.provider, a.model, a.status)
            (httpStatus, errorType, errorMessage) = (a.httpStatus, a.errorType, a.errorMessage)
            (latencyMs, tokensIn, tokensOut, startedAt) = (a.latencyMs, a.tokensIn, a.tokensOut, a.startedAt)
            costUSD = a.costNanoUSD.map { CostCalculator.usd(nano: $0) }
        }
    }

    struct Content: Encodable {
        var mode: ContentCapture
        var request: JSONValue
        var requestBytes: Int
        var requestTruncated: Bool
        @Nullable var response: JSONValue?
        @Nullable var responseBytes: Int?
        var responseTruncated: Bool

        enum CodingKeys: String, CodingKey {
            case mode, request, requestBytes = "request_bytes", requestTruncated = "request_truncated", response
            case responseBytes = "response_bytes", responseTruncated = "response_truncated"
        }

        init(_ c: TraceContent) {
            mode = c.mode
            request = Self.value(c.request)
            requestBytes = c.requestBytes
            requestTruncated = c.requestTruncated
            response = c.response.map(Self.value)
            responseBytes = c.responseBytes
            responseTruncated = c.responseTruncated
        }

        /// Stored text as JSON when it is a whole object or array, else the string itself.
        static func value(_ text: String) -> JSONValue {
            guard let first = text.utf8.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
                first == UInt8(ascii: "{") || first == UInt8(ascii: "["), let parsed = TraceRow.json(text)
            else { return .string(text) }
            return parsed
        }
    }

    var trace: TraceRow
    var attemptsDetail: [Attempt]
    @Nullable var content: Content?

    enum CodingKeys: String, CodingKey {
        case attemptsDetail = "attempts_detail", content
    }

    init(_ stored: TraceQueryStore.StoredTrace) {
        trace = TraceRow(stored, withAttempts: false)
        trace.cursor = nil
        attemptsDetail = stored.record.attemptRecords.map(Attempt.init)
        content = stored.record.content.map(Content.init)
    }

    func encode(to encoder: any Encoder) throws {
        try trace.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(attemptsDetail, forKey: .attemptsDetail)
        try container.encode(_content, forKey: .content)
    }
}
