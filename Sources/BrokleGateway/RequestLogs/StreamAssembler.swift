import BrokleProviders
import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A stream as the client received it, assembled into one answer for its trace's content: fed the
/// bytes written to the client (after dialect translation and the output guardrails), it keeps one
/// copy of the text, in the shape of the whole answer of the client's wire format:
/// - OpenAI chat: a `chat.completion` (`choices[].message` with `role`, `content` and
///   `tool_calls[]` whose `function.arguments` are the concatenated deltas, `finish_reason`,
///   `usage`); legacy completions: a `text_completion` (`choices[].text`).
/// - Anthropic messages: the `message` of `message_start` with its `content` blocks whole (text,
///   `tool_use` with `input` parsed from the `partial_json` deltas, thinking), `stop_reason` and
///   `usage` from `message_delta`.
/// - Responses: the `response` of the last `response.completed` (or `.incomplete`, `.failed`)
///   event; a stream cut before it gives a `response` whose one message holds the text deltas.
/// An in-band error event the client got is kept as `error`. Past the capture's byte cap no more
/// text is copied, but its length is counted, so the stored answer is marked as cut.
///
/// Each event is read where it lies (``EventJSON``): a chunk's text is appended, still escaped as
/// JSON (``JSONText``), to the one buffer that keeps it, and the answer's JSON is written once, at
/// the end. Nothing is decoded per chunk, and what is kept stays within about the cap.
///
/// A class, made by the relay only when content is kept: a relay without one carries a nil
/// reference, not the assembler's state, in every frame. It lives within one relay's task.
final class StreamAssembler {
    let format: WireFormat
    private var budget: ContentBudget
    private var openAI = OpenAIStreamAnswer()
    private var anthropic = AnthropicStreamAnswer()
    private var responses = ResponsesStreamAnswer()
    /// An in-band error event's `error`, as it came.
    private var error: [UInt8]?

    init(format: WireFormat, maximumBytes: Int) {
        self.format = format
        budget = ContentBudget(limit: maximumBytes)
    }

    convenience init(_ assembly: StreamAssembly) {
        self.init(format: assembly.format, maximumBytes: assembly.maximumBytes)
    }

    /// Reads the events completed by `bytes` (what was just written to the client). The stream
    /// encoders write whole events, so they are read in place; a piece of one is kept until the
    /// rest comes.
    func feed(_ bytes: ByteBuffer) {
        guard bytes.readableBytes > 0 else { return }
        bytes.withUnsafeReadableBytes { raw in
            if carry.isEmpty, raw.count >= 2, raw[raw.count - 1] == 0x0A, raw[raw.count - 2] == 0x0A {
                read(raw)
                return
            }
            carry.append(contentsOf: raw)
            guard let end = Self.end(ofLastEventIn: carry) else {
                if carry.count > Self.carryLimit { carry.removeAll() }
                return
            }
            carry.withUnsafeBytes { read(UnsafeRawBufferPointer(rebasing: $0[..<end])) }
            carry.removeFirst(end)
        }
    }

    /// The most bytes of an unfinished event kept (an event is far smaller).
    static let carryLimit = 1 << 20
    private var carry: [UInt8] = []

    /// The offset just past the last blank line (`\n\n`) in `bytes`.
    private static func end(ofLastEventIn bytes: [UInt8]) -> Int? {
        var index = bytes.count - 1
        while index > 0 {
            if bytes[index] == 0x0A, bytes[index - 1] == 0x0A || (index > 1 && bytes[index - 1] == 0x0D && bytes[index - 2] == 0x0A) {
                return index + 1
            }
            index -= 1
        }
        return nil
    }

    /// Reads the `data:` lines of whole events (offsets only: no slice of the bytes is made).
    private func read(_ raw: UnsafeRawBufferPointer) {
        var start = 0
        while start < raw.count {
            // The end of the line: memchr's vector scan, not a byte at a time.
            let found = memchr(raw.baseAddress! + start, 0x0A, raw.count - start)
            let end = found.map { raw.baseAddress!.distance(to: UnsafeRawPointer($0)) } ?? raw.count
            var last = end
            if last > start, raw[last - 1] == 0x0D { last -= 1 }
            if last - start >= 5, raw[start] == UInt8(ascii: "d"), raw[start + 1] == UInt8(ascii: "a"),
                raw[start + 2] == UInt8(ascii: "t"), raw[start + 3] == UInt8(ascii: "a"), raw[start + 4] == UInt8(ascii: ":")
            {
                var first = start + 5
                if first < last, raw[first] == 0x20 { first += 1 }
                take(UnsafeRawBufferPointer(rebasing: raw[first..<last]))
            }
            start = end + 1
        }
    }

    /// Takes one event's data, read in place: text is appended where it is kept, nothing decoded.
    private func take(_ event: UnsafeRawBufferPointer) {
        let json = EventJSON(event)
        guard let object = json.object else { return }
        var error: Range<Int>?
        let readable: Bool
        switch format {
        case .openAIChat: readable = openAI.take(json, object, budget: &budget, error: &error)
        case .anthropicMessages: readable = anthropic.take(json, object, budget: &budget, error: &error)
        case .openAIResponses: readable = responses.take(json, object, budget: &budget, error: &error)
        }
        if readable, let error, error.count <= max(budget.limit, 4_096) { self.error = Array(json.slice(error)) }
    }

    /// The answer as one JSON object, and the bytes of text not copied past the cap.
    func finish() -> (body: [UInt8], dropped: Int) {
        var body: [UInt8] = []
        body.reserveCapacity(retainedBytes + 512)
        switch format {
        case .openAIChat: openAI.write(into: &body, error: error)
        case .anthropicMessages: anthropic.write(into: &body, error: error)
        case .openAIResponses: responses.write(into: &body, error: error)
        }
        return (body, budget.dropped)
    }

    /// The bytes the assembler holds of the stream (kept text and JSON, a piece of an event): at
    /// most about the capture's cap.
    var retainedBytes: Int {
        let answer: Int
        switch format {
        case .openAIChat: answer = openAI.retainedBytes
        case .anthropicMessages: answer = anthropic.retainedBytes
        case .openAIResponses: answer = responses.retainedBytes
        }
        return answer + carry.count + (error?.count ?? 0)
    }
}

/// What a relay needs to assemble its stream: the client's wire format and the capture's cap.
struct StreamAssembly: Sendable, Equatable {
    var format: WireFormat
    var maximumBytes: Int
}
