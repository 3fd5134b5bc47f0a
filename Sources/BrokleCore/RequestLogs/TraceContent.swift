/// What was asked and answered in one request, as kept with its trace (`trace_contents`): the
/// request as the client sent it and the answer as the client received it (a stream assembled into
/// one answer), each cut to the capture's byte cap. A cut text is marked: its stored length is less
/// than the length it had.
package struct TraceContent: Sendable, Equatable {
    /// `full` or `redacted` (content that was off is not stored at all).
    package var mode: ContentCapture
    package var request: String
    /// The request's length in bytes before any cut.
    package var requestBytes: Int
    /// Nil when no answer reached the client (a failure before one).
    package var response: String?
    package var responseBytes: Int?

    package init(mode: ContentCapture, request: String, requestBytes: Int? = nil, response: String? = nil, responseBytes: Int? = nil) {
        self.mode = mode
        self.request = request
        self.requestBytes = requestBytes ?? request.utf8.count
        self.response = response
        self.responseBytes = responseBytes ?? response?.utf8.count
    }

    /// What it holds, in bytes (both sides as stored).
    package var storedBytes: Int { request.utf8.count + (response?.utf8.count ?? 0) }

    package var requestTruncated: Bool { requestBytes > request.utf8.count }
    package var responseTruncated: Bool { (responseBytes ?? 0) > (response?.utf8.count ?? 0) }

    /// `text` cut to at most `maximumBytes` bytes on a character boundary, and its length before.
    package static func capped(_ text: String, maximumBytes: Int) -> (text: String, bytes: Int) {
        let bytes = text.utf8.count
        guard bytes > maximumBytes else { return (text, bytes) }
        let utf8 = text.utf8
        var end = utf8.index(utf8.startIndex, offsetBy: max(0, maximumBytes))
        // Back to the first byte of the character the cut falls in (UTF-8 continuation bytes are 10xxxxxx).
        while end > utf8.startIndex, utf8[end] & 0xC0 == 0x80 { end = utf8.index(before: end) }
        return (String(decoding: utf8[..<end], as: UTF8.self), bytes)
    }
}

extension TraceContent: Codable {
    enum CodingKeys: String, CodingKey {
        case mode, request, response
        case requestBytes = "request_bytes"
        case responseBytes = "response_bytes"
    }
}
