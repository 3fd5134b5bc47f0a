import BrokleProviders
import Foundation
import NIOCore

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
/// A class, made by the relay only when content is kept: a relay without one carries a nil
/// reference, not the assembler's state, in every frame. It lives within one relay's task.
final class StreamAssembler {
    let format: WireFormat
    private var budget: ContentBudget
    private var openAI = OpenAIStreamAnswer()
    private var anthropic = AnthropicStreamAnswer()
    private var responses = ResponsesStreamAnswer()
    /// An in-band error event, as JSON.
    private var error: Data?

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

    /// Reads the `data:` lines of whole events.
    private func read(_ raw: UnsafeRawBufferPointer) {
        var start = 0
        while start < raw.count {
            var end = start
            while end < raw.count, raw[end] != 0x0A { end += 1 }
            var line = UnsafeRawBufferPointer(rebasing: raw[start..<end])
            if line.last == 0x0D { line = UnsafeRawBufferPointer(rebasing: line.dropLast()) }
            if line.starts(with: "data:".utf8) {
                var data = line.dropFirst(5)
                if data.first == 0x20 { data = data.dropFirst() }
                take(UnsafeRawBufferPointer(rebasing: data))
            }
            start = end + 1
        }
    }

    /// Takes one event's data: most are a piece of text, read without decoding the event.
    private func take(_ event: UnsafeRawBufferPointer) {
        guard event.first == UInt8(ascii: "{") else { return }
        let read: Bool
        switch format {
        case .openAIChat: read = openAI.takePlain(event, budget: &budget)
        case .anthropicMessages: read = anthropic.takePlain(event, budget: &budget)
        case .openAIResponses: read = responses.takePlain(event, budget: &budget)
        }
        guard !read, let object = try? JSONSerialization.jsonObject(with: Data(event)) as? [String: Any] else { return }
        if let error = object["error"] {
            self.error = try? JSONSerialization.data(withJSONObject: error)
            return
        }
        switch format {
        case .openAIChat: openAI.take(object, budget: &budget)
        case .anthropicMessages: anthropic.take(object, budget: &budget)
        case .openAIResponses: responses.take(object, budget: &budget)
        }
    }

    /// The answer as one JSON object, and the bytes of text not copied past the cap.
    func finish() -> (body: [UInt8], dropped: Int) {
        var answer: [String: Any]
        switch format {
        case .openAIChat: answer = openAI.answer()
        case .anthropicMessages: answer = anthropic.answer()
        case .openAIResponses: answer = responses.answer()
        }
        if let error, let value = try? JSONSerialization.jsonObject(with: error, options: [.fragmentsAllowed]) { answer["error"] = value }
        let data =
            (try? JSONSerialization.data(withJSONObject: answer, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return (Array(data), budget.dropped)
    }
}

/// What a relay needs to assemble its stream: the client's wire format and the capture's cap.
struct StreamAssembly: Sendable, Equatable {
    var format: WireFormat
    var maximumBytes: Int
}

/// How much of a stream's text the assembler copies: up to the capture's cap, then only counted.
struct ContentBudget {
    let limit: Int
    private(set) var copied = 0
    private(set) var dropped = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// Copies `piece` while the whole of it fits; from the first piece that does not, nothing more
    /// is copied (a later, smaller piece would leave a hole in the middle of the answer), only counted.
    mutating func append(_ piece: String, to text: inout String) {
        let size = piece.utf8.count
        if dropped == 0, copied + size <= limit {
            text += piece
            copied += size
        } else {
            dropped += size
        }
    }
}

/// A JSON value kept as bytes (so the assembler's state is `Sendable`), and read back when the
/// answer is built.
enum JSONFragment {
    static func data(_ value: Any?) -> Data? {
        guard let value, !(value is NSNull) else { return nil }
        return try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed])
    }

    static func value(_ data: Data?) -> Any? {
        data.flatMap { try? JSONSerialization.jsonObject(with: $0, options: [.fragmentsAllowed]) }
    }
}
