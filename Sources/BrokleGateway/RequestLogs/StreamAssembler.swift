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
struct StreamAssembler: Sendable {
    let format: WireFormat
    private var parser = SSEParser()
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

    /// Reads the events completed by `bytes` (what was just written to the client).
    mutating func feed(_ bytes: ByteBuffer) {
        guard bytes.readableBytes > 0, let events = try? parser.feed(bytes) else { return }
        for event in events {
            guard event.first == "{", let object = try? JSONSerialization.jsonObject(with: Data(event.utf8)) as? [String: Any]
            else { continue }
            if let error = object["error"] {
                self.error = try? JSONSerialization.data(withJSONObject: error)
                continue
            }
            switch format {
            case .openAIChat: openAI.take(object, budget: &budget)
            case .anthropicMessages: anthropic.take(object, budget: &budget)
            case .openAIResponses: responses.take(object, budget: &budget)
            }
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

/// How much of a stream's text the assembler copies: up to the capture's cap, then only counted.
struct ContentBudget: Sendable {
    let limit: Int
    private(set) var copied = 0
    private(set) var dropped = 0

    init(limit: Int) {
        self.limit = limit
    }

    mutating func append(_ piece: String, to text: inout String) {
        let size = piece.utf8.count
        if copied + size <= limit {
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
