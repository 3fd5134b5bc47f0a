import BrokleCore

/// Replay of Anthropic Messages (`message`, streamed as `message_start`, per content block
/// `content_block_start` / `content_block_delta`s / `content_block_stop`, `message_delta`,
/// `message_stop`): a stored answer in the other shape than the one it was stored in, as Anthropic
/// would have sent it. Only answers it can replay faithfully are stored: one message of text blocks
/// (no tool use, thinking, redacted thinking, citations or server tool blocks), stopped normally
/// (`end_turn`, `max_tokens` or `stop_sequence`).
package enum AnthropicReplay {
    /// Whether the cache may keep this whole answer.
    package static func storable(whole body: [UInt8]) -> Bool {
        parse(body) != nil
    }

    /// The whole message Anthropic would have answered without streaming, from a complete stream's
    /// events (in order); nil when the stream is not storable, reported an error, or ended before
    /// `message_stop`. The usage is `message_start`'s with `message_delta`'s on top, as the SDKs
    /// accumulate it.
    package static func assemble(events: [ReplayEvent]) -> [UInt8]? {
        var message: [String: JSONValue]?
        var texts: [String] = []
        var open: Int?
        var usage: [String: JSONValue]?
        var stop: (reason: String, sequence: JSONValue)?
        var complete = false
        for event in events where !complete {
            guard let data = ReplayJSON.object(event.data), case .string(let type)? = data["type"] else { return nil }
            switch type {
            case "message_start":
                guard message == nil, let start = ReplayJSON.object(data["message"]), isAssistantMessage(start) else { return nil }
                message = start
                usage = ReplayJSON.object(start["usage"])
            case "content_block_start":
                guard message != nil, open == nil, data["index"] == .int(texts.count),
                    let block = ReplayJSON.object(data["content_block"]), let text = self.text(of: block)
                else { return nil }
                texts.append(text)
                open = texts.count - 1
            case "content_block_delta":
                guard let index = open, data["index"] == .int(index), let delta = ReplayJSON.object(data["delta"]),
                    delta["type"] == .string("text_delta"), case .string(let text)? = delta["text"]
                else { return nil }
                texts[index] += text
            case "content_block_stop":
                guard let index = open, data["index"] == .int(index) else { return nil }
                open = nil
            case "message_delta":
                guard message != nil, open == nil, let delta = ReplayJSON.object(data["delta"]),
                    case .string(let reason)? = delta["stop_reason"], stopReasons.contains(reason)
                else { return nil }
                stop = (reason, delta["stop_sequence"] ?? .null)
                if let more = ReplayJSON.object(data["usage"]) { usage = (usage ?? [:]).merging(more) { $1 } }
            case "message_stop":
                complete = true
            case "error":
                return nil
            default:
                continue  // ping, and event types added later (ignored, as the API's versioning policy asks)
            }
        }
        guard complete, let message, let stop else { return nil }
        let answer = Answer(texts: texts, stopReason: stop.reason, stopSequence: stop.sequence, usage: usage.map(JSONValue.object))
        return ReplayJSON.bytes(answer.message(message))
    }

    /// The events Anthropic streams for this whole message, each named with its type:
    /// `message_start` (empty content, no stop reason, the usage with output tokens 1 at most), a
    /// `ping`, per text block `content_block_start`, its `text_delta`s (the text in one delta, or in
    /// pieces of `chunkSize` characters) and `content_block_stop`, then `message_delta` (stop reason,
    /// stop sequence, output tokens) and `message_stop`. nil when the message is not storable.
    package static func events(fromWhole body: [UInt8], chunkSize: Int?) -> [ReplayEvent]? {
        guard let (whole, answer) = parse(body) else { return nil }
        var events: [ReplayEvent] = []
        func event(_ type: String, _ fields: [(String, ReplayJSON.Node)]) {
            events.append(ReplayEvent(name: type, data: ReplayJSON.text(.object([("type", .value(.string(type)))] + fields))))
        }
        var start = Answer(texts: [], stopReason: nil, stopSequence: .null, usage: answer.usage)
        if case .object(var usage)? = answer.usage, let output = usage["output_tokens"]?.intValue {
            usage["output_tokens"] = .int(min(output, 1))
            start.usage = .object(usage)
        }
        event("message_start", [("message", start.message(whole))])
        event("ping", [])
        for (index, text) in answer.texts.enumerated() {
            let block = ReplayJSON.Node.object([("type", .value(.string("text"))), ("text", .value(.string("")))])
            event("content_block_start", [("index", .value(.int(index))), ("content_block", block)])
            for piece in ReplayText.pieces(text, size: chunkSize) {
                let delta = ReplayJSON.Node.object([("type", .value(.string("text_delta"))), ("text", .value(.string(piece)))])
                event("content_block_delta", [("index", .value(.int(index))), ("delta", delta)])
            }
            event("content_block_stop", [("index", .value(.int(index)))])
        }
        var delta: [(String, ReplayJSON.Node)] = [
            ("delta", .object([("stop_reason", .value(.string(answer.stopReason ?? ""))), ("stop_sequence", .value(answer.stopSequence))]))
        ]
        if let output = answer.usage?["output_tokens"] { delta.append(("usage", .object([("output_tokens", .value(output))]))) }
        event("message_delta", delta)
        event("message_stop", [])
        return events
    }

    /// Stop reasons of a message that ended normally.
    private static let stopReasons: Set<String> = ["end_turn", "max_tokens", "stop_sequence"]

    /// The message fields written apart.
    private static let known: Set<String> = ["id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage"]

    /// What replay keeps of a message besides its head.
    private struct Answer {
        var texts: [String]
        var stopReason: String?
        var stopSequence: JSONValue
        var usage: JSONValue?

        /// The message in Anthropic's order, its head (`id`, `model`, unknown fields) from `head`.
        func message(_ head: [String: JSONValue]) -> ReplayJSON.Node {
            var fields: [(String, ReplayJSON.Node)] = []
            if let id = head["id"] { fields.append(("id", .value(id))) }
            fields.append(("type", .value(.string("message"))))
            fields.append(("role", .value(.string("assistant"))))
            if let model = head["model"] { fields.append(("model", .value(model))) }
            let blocks = texts.map { ReplayJSON.Node.object([("type", .value(.string("text"))), ("text", .value(.string($0)))]) }
            fields.append(("content", .array(blocks)))
            fields.append(("stop_reason", .value(stopReason.map(JSONValue.string) ?? .null)))
            fields.append(("stop_sequence", .value(stopSequence)))
            if let usage { fields.append(("usage", .value(usage))) }
            return .object(fields + ReplayJSON.rest(of: head, without: known))
        }
    }

    private static func parse(_ body: [UInt8]) -> ([String: JSONValue], Answer)? {
        guard let message = ReplayJSON.object(body), isAssistantMessage(message),
            case .string(let reason)? = message["stop_reason"], stopReasons.contains(reason),
            ReplayJSON.isNull(message["stop_sequence"]) || message["stop_sequence"]?.stringValue != nil,
            let content = ReplayJSON.array(message["content"])
        else { return nil }
        var texts: [String] = []
        for block in content {
            guard let text = text(of: ReplayJSON.object(block) ?? [:]) else { return nil }
            texts.append(text)
        }
        let usage: JSONValue? = if case .object = message["usage"] { message["usage"] } else { nil }
        return (message, Answer(texts: texts, stopReason: reason, stopSequence: message["stop_sequence"] ?? .null, usage: usage))
    }

    /// `type: message` (not `error`), from the assistant.
    private static func isAssistantMessage(_ message: [String: JSONValue]) -> Bool {
        message["type"] == .string("message") && (ReplayJSON.isNull(message["role"]) || message["role"] == .string("assistant"))
    }

    /// The text of a plain text block (no citations); nil for any other block.
    private static func text(of block: [String: JSONValue]) -> String? {
        guard block["type"] == .string("text"), case .string(let text)? = block["text"], ReplayJSON.isEmpty(block["citations"]),
            Set(block.keys).isSubset(of: ["type", "text", "citations"])
        else { return nil }
        return text
    }
}
