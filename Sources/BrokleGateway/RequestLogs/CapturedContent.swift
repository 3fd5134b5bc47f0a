import BrokleCore
import BrokleProviders
import NIOCore

/// A request's content while it is served, for its trace: the body as the client sent it (masked
/// by the request's guardrails when they masked it, so logs never hold what the provider was not
/// allowed to see), and the answer as the client received it. Held by reference (`ByteBuffer`s
/// the request already has); turned into text, redacted where asked and cut to the cap only when
/// the request is recorded. A request whose content is off has none: nothing is copied.
struct CapturedContent: Sendable {
    var mode: ContentCapture
    var maximumBytes: Int
    /// The client's wire format: the shape a stream is assembled in.
    var format: WireFormat
    var request: ByteBuffer
    /// The body the client got; nil for a failure before an answer.
    var response: ByteBuffer?
    /// Text a stream's assembler did not copy past the cap: added to the answer's length.
    var responseDropped = 0
    /// Placeholder → the request's value, when the guardrails restored values into the answer:
    /// the stored answer has them masked again.
    var restored: [String: String]?

    /// The content as stored: each side redacted (mode `redacted`), then capped.
    var traceContent: TraceContent {
        let request = Self.side(self.request, mode: mode, maximumBytes: maximumBytes)
        let response = self.response.map { Self.side(Self.remasked($0, restored), mode: mode, maximumBytes: maximumBytes) }
        return TraceContent(
            mode: mode, request: request.text, requestBytes: request.bytes, response: response?.text,
            responseBytes: response.map { $0.bytes + responseDropped })
    }

    /// Bytes read past the cap when redacting, so a value the cap cuts through (a key, a PEM block
    /// up to this size) is still recognised and masked whole rather than kept in part.
    static let redactionMargin = 16_384

    /// One side as stored, and its length before the cut: only the body's first bytes are read (the
    /// cap, and for `redacted` the margin), so a body of megabytes costs what the cap costs.
    ///
    /// Redacted, the last `redactionMargin` bytes read are where a value may be cut and so not
    /// recognised; masking shortens what comes before, so the stored text could reach into them.
    /// More is read until the masked text is long enough for the cap to end well before that tail
    /// (a masked value is at most a few bytes longer than the value), or the whole body is read.
    static func side(_ body: ByteBuffer, mode: ContentCapture, maximumBytes: Int) -> (text: String, bytes: Int) {
        let total = body.readableBytes
        var read = min(total, maximumBytes + (mode == .redacted ? redactionMargin : 0))
        while true {
            let head = body.getSlice(at: body.readerIndex, length: read) ?? body
            let text = text(head, mode: mode)
            let clearOfTail = text.utf8.count >= maximumBytes + redactionMargin + redactionMargin / 4
            if mode == .redacted, read < total, !clearOfTail {
                read = min(total, read * 2)
                continue
            }
            let capped = TraceContent.capped(text, maximumBytes: maximumBytes)
            return (capped.text, read < total ? total : capped.bytes)
        }
    }

    /// `body` with every value the guardrails restored turned back into its placeholder (longest
    /// first, so a value inside another is not split); `body` itself when none was restored.
    static func remasked(_ body: ByteBuffer, _ restored: [String: String]?) -> ByteBuffer {
        guard let restored, !restored.isEmpty else { return body }
        var text = String(buffer: body)
        for (placeholder, value) in restored.sorted(by: { $0.value.utf8.count > $1.value.utf8.count }) where !value.isEmpty {
            text = text.replacing(value, with: placeholder)
            // A value written into JSON text is escaped there (a quote, a backslash).
            let escaped = String(decoding: JSONScanner.encodeString(value).dropFirst().dropLast(), as: UTF8.self)
            if escaped != value { text = text.replacing(escaped, with: placeholder) }
        }
        return ByteBuffer(string: text)
    }

    /// How a streamed answer is assembled.
    var assembly: StreamAssembly { StreamAssembly(format: format, maximumBytes: maximumBytes) }

    /// Takes a stream's assembled answer.
    mutating func answered(_ assembled: (body: [UInt8], dropped: Int)) {
        response = ByteBuffer(bytes: assembled.body)
        responseDropped = assembled.dropped
    }

    static func text(_ body: ByteBuffer, mode: ContentCapture) -> String {
        mode == .redacted ? ContentRedaction.redacted(Array(buffer: body)) : String(buffer: body)
    }
}

/// Content masked before it is stored (`redacted`): every value the guardrails' detector finds (the
/// built-in entities: emails, cards, keys, …) in every JSON string value becomes its entity's stem
/// (`[EMAIL]`), keys and structure unchanged; a body that is not JSON is masked as plain text.
enum ContentRedaction {
    ///
    /// Then the whole text once more as plain text: values outside string values — a card number
    /// written as a JSON number, an address used as a key — are masked too (a masked number leaves
    /// the JSON unreadable as JSON; `trace show` prints it as text).
    static func redacted(_ json: [UInt8]) -> String {
        let outcome = JSONStringRewriter.rewriting(json, fields: .init()) { _, text in
            let redacted = GuardrailRedaction.redact(text)
            return redacted == text ? nil : redacted
        }
        switch outcome {
        case .unchanged: return GuardrailRedaction.redact(String(decoding: json, as: UTF8.self))
        case .rewritten(let bytes): return GuardrailRedaction.redact(String(decoding: bytes, as: UTF8.self))
        case .unreadable: return GuardrailRedaction.redact(String(decoding: json, as: UTF8.self))
        }
    }
}
