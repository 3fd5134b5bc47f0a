import BrokleCore

/// Replay of OpenAI chat completions (`chat.completion`, streamed as `chat.completion.chunk`s): a
/// stored answer in the other shape than the one it was stored in, as an OpenAI upstream would
/// have sent it. Only answers it can replay faithfully are stored: one choice, finished normally
/// (`stop` or `length`), text only (no tool or function calls, refusal, audio, annotations,
/// logprobs, reasoning fields of compatible upstreams).
package enum OpenAIChatReplay {
    /// Whether the cache may keep this whole answer.
    package static func storable(whole body: [UInt8]) -> Bool {
        parse(body) != nil
    }

    /// The whole answer the upstream would have given without streaming, from a complete stream's
    /// events (in order, `[DONE]` not needed); nil when the stream is not storable or was cut short.
    package static func assemble(events: [ReplayEvent]) -> [UInt8]? {
        var head: OpenAIReplayHead?
        var answer = Answer(role: nil, content: "", hasRefusalField: false, finishReason: "", usage: nil)
        var finished = false
        for event in events where event.data != "[DONE]" {
            guard let chunk = ReplayJSON.object(event.data), chunk["error"] == nil,
                ReplayJSON.isNull(chunk["object"]) || chunk["object"] == .string("chat.completion.chunk"),
                let choices = ReplayJSON.array(chunk["choices"]), choices.count <= 1
            else { return nil }
            if head == nil { head = OpenAIReplayHead(chunk) }
            if case .object = chunk["usage"] { answer.usage = chunk["usage"] }
            guard let first = choices.first else { continue }
            guard let choice = ReplayJSON.object(first), Self.isChoiceZero(choice), ReplayJSON.isNull(choice["logprobs"]),
                let delta = ReplayJSON.isNull(choice["delta"]) ? [:] : ReplayJSON.object(choice["delta"]), Self.isText(delta)
            else { return nil }
            if case .string(let role)? = delta["role"] { answer.role = role }
            if case .string(let text)? = delta["content"] { answer.content += text }
            if delta["refusal"] != nil { answer.hasRefusalField = true }
            if case .string(let reason)? = choice["finish_reason"] {
                guard OpenAIReplayHead.finishReasons.contains(reason) else { return nil }
                answer.finishReason = reason
                finished = true
            }
        }
        guard let head, finished else { return nil }
        return head.whole(object: "chat.completion", choice: answer.choice, usage: answer.usage)
    }

    /// The stream an OpenAI upstream sends for this whole answer: a first chunk with the role, the
    /// content (in one chunk, or in pieces of `chunkSize` characters), a chunk with the finish
    /// reason, then the usage-only chunk (`choices: []`) that `stream_options.include_usage` asks
    /// for. Without `[DONE]`. nil when the answer is not storable.
    package static func events(fromWhole body: [UInt8], chunkSize: Int?) -> [ReplayEvent]? {
        guard let (head, answer) = parse(body) else { return nil }
        let usage: JSONValue? = answer.usage == nil ? nil : .null
        func chunk(_ delta: [(String, ReplayJSON.Node)], finishReason: String? = nil) -> ReplayEvent {
            let choice = ReplayJSON.Node.object([
                ("index", .value(.int(0))), ("delta", .object(delta)), ("logprobs", .value(.null)),
                ("finish_reason", .value(finishReason.map(JSONValue.string) ?? .null)),
            ])
            return head.chunk(object: "chat.completion.chunk", choices: [choice], usage: usage)
        }
        var first: [(String, ReplayJSON.Node)] = [("role", .value(.string(answer.role ?? "assistant"))), ("content", .value(.string("")))]
        if answer.hasRefusalField { first.append(("refusal", .value(.null))) }
        var events = [chunk(first)]
        for piece in ReplayText.pieces(answer.content, size: chunkSize) { events.append(chunk([("content", .value(.string(piece)))])) }
        events.append(chunk([], finishReason: answer.finishReason))
        if let total = answer.usage { events.append(head.chunk(object: "chat.completion.chunk", choices: [], usage: total)) }
        return events
    }

    /// What replay keeps of the one choice.
    private struct Answer {
        var role: String?
        var content: String
        /// Whether the message carried `refusal` (always `null` here), as OpenAI's does.
        var hasRefusalField: Bool
        var finishReason: String
        var usage: JSONValue?

        var choice: ReplayJSON.Node {
            var message: [(String, ReplayJSON.Node)] = [
                ("role", .value(.string(role ?? "assistant"))), ("content", .value(.string(content))),
            ]
            if hasRefusalField { message.append(("refusal", .value(.null))) }
            return .object([
                ("index", .value(.int(0))), ("message", .object(message)), ("logprobs", .value(.null)),
                ("finish_reason", .value(.string(finishReason))),
            ])
        }
    }

    private static func parse(_ body: [UInt8]) -> (OpenAIReplayHead, Answer)? {
        guard let object = ReplayJSON.object(body), object["error"] == nil,
            ReplayJSON.isNull(object["object"]) || object["object"] == .string("chat.completion"),
            let choices = ReplayJSON.array(object["choices"]), choices.count == 1,
            let choice = ReplayJSON.object(choices[0]), isChoiceZero(choice), ReplayJSON.isNull(choice["logprobs"]),
            case .string(let reason)? = choice["finish_reason"], OpenAIReplayHead.finishReasons.contains(reason),
            let message = ReplayJSON.object(choice["message"]), isText(message),
            case .string(let content)? = message["content"]
        else { return nil }
        let usage: JSONValue? = if case .object = object["usage"] { object["usage"] } else { nil }
        let answer = Answer(
            role: message["role"]?.stringValue, content: content, hasRefusalField: message["refusal"] != nil, finishReason: reason,
            usage: usage
        )
        return (OpenAIReplayHead(object), answer)
    }

    /// The message fields replay knows; any other (`reasoning_content`, ...) is refused.
    private static let messageFields: Set<String> = ["role", "content", "refusal", "tool_calls", "function_call", "audio", "annotations"]

    /// A message or delta with text only: no tool or function call, refusal, audio or annotations.
    private static func isText(_ message: [String: JSONValue]) -> Bool {
        Set(message.keys).isSubset(of: messageFields) && ReplayJSON.isEmpty(message["tool_calls"])
            && ReplayJSON.isNull(message["function_call"]) && ReplayJSON.isNull(message["audio"])
            && ReplayJSON.isEmpty(message["annotations"]) && ReplayJSON.isNull(message["refusal"])
            && (ReplayJSON.isNull(message["role"]) || message["role"] == .string("assistant"))
            && (ReplayJSON.isNull(message["content"]) || message["content"]?.stringValue != nil)
    }

    /// Choice 0 (`n = 1`).
    private static func isChoiceZero(_ choice: [String: JSONValue]) -> Bool {
        ReplayJSON.isNull(choice["index"]) || choice["index"] == .int(0)
    }
}
