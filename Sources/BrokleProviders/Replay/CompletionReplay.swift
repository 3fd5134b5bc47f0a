import BrokleCore

/// Replay of OpenAI legacy completions (`text_completion`, streamed as `text_completion` chunks
/// with `choices[].text`): a stored answer in the other shape than the one it was stored in, as an
/// OpenAI upstream would have sent it. Only answers it can replay faithfully are stored: one
/// choice, finished normally (`stop` or `length`), no logprobs.
package enum CompletionReplay {
    /// Whether the cache may keep this whole answer.
    package static func storable(whole body: [UInt8]) -> Bool {
        parse(body) != nil
    }

    /// The whole answer the upstream would have given without streaming, from a complete stream's
    /// events (in order, `[DONE]` not needed); nil when the stream is not storable or was cut short.
    package static func assemble(events: [ReplayEvent]) -> [UInt8]? {
        var head: OpenAIReplayHead?
        var answer = Answer(text: "", finishReason: "", usage: nil)
        var finished = false
        for event in events where event.data != "[DONE]" {
            guard let chunk = ReplayJSON.object(event.data), chunk["error"] == nil,
                ReplayJSON.isNull(chunk["object"]) || chunk["object"] == .string("text_completion"),
                let choices = ReplayJSON.array(chunk["choices"]), choices.count <= 1
            else { return nil }
            if head == nil { head = OpenAIReplayHead(chunk) }
            if case .object = chunk["usage"] { answer.usage = chunk["usage"] }
            guard let first = choices.first else { continue }
            guard let choice = ReplayJSON.object(first), isReplayable(choice) else { return nil }
            if case .string(let text)? = choice["text"] { answer.text += text }
            if case .string(let reason)? = choice["finish_reason"] {
                guard OpenAIReplayHead.finishReasons.contains(reason) else { return nil }
                answer.finishReason = reason
                finished = true
            }
        }
        guard let head, finished else { return nil }
        return head.whole(
            object: "text_completion", choice: answer.choice(text: answer.text, finishReason: answer.finishReason), usage: answer.usage)
    }

    /// The stream an OpenAI upstream sends for this whole answer: the text (in one chunk, or in
    /// pieces of `chunkSize` characters), a chunk with empty text and the finish reason, then the
    /// usage-only chunk (`choices: []`) that `stream_options.include_usage` asks for. Without
    /// `[DONE]`. nil when the answer is not storable.
    package static func events(fromWhole body: [UInt8], chunkSize: Int?) -> [ReplayEvent]? {
        guard let (head, answer) = parse(body) else { return nil }
        let usage: JSONValue? = answer.usage == nil ? nil : .null
        var events = ReplayText.pieces(answer.text, size: chunkSize).map { piece in
            head.chunk(object: "text_completion", choices: [answer.choice(text: piece, finishReason: nil)], usage: usage)
        }
        events.append(
            head.chunk(object: "text_completion", choices: [answer.choice(text: "", finishReason: answer.finishReason)], usage: usage))
        if let total = answer.usage { events.append(head.chunk(object: "text_completion", choices: [], usage: total)) }
        return events
    }

    /// What replay keeps of the one choice.
    private struct Answer {
        var text: String
        var finishReason: String
        var usage: JSONValue?

        /// A choice in OpenAI's order, for the whole answer or a chunk (no finish reason yet: `null`).
        func choice(text: String, finishReason: String?) -> ReplayJSON.Node {
            .object([
                ("text", .value(.string(text))), ("index", .value(.int(0))), ("logprobs", .value(.null)),
                ("finish_reason", .value(finishReason.map(JSONValue.string) ?? .null)),
            ])
        }
    }

    private static func parse(_ body: [UInt8]) -> (OpenAIReplayHead, Answer)? {
        guard let object = ReplayJSON.object(body), object["error"] == nil,
            ReplayJSON.isNull(object["object"]) || object["object"] == .string("text_completion"),
            let choices = ReplayJSON.array(object["choices"]), choices.count == 1,
            let choice = ReplayJSON.object(choices[0]), isReplayable(choice),
            case .string(let text)? = choice["text"],
            case .string(let reason)? = choice["finish_reason"], OpenAIReplayHead.finishReasons.contains(reason)
        else { return nil }
        let usage: JSONValue? = if case .object = object["usage"] { object["usage"] } else { nil }
        return (OpenAIReplayHead(object), Answer(text: text, finishReason: reason, usage: usage))
    }

    /// Choice 0 (`n = 1`), without logprobs, its text a string when present.
    private static func isReplayable(_ choice: [String: JSONValue]) -> Bool {
        (ReplayJSON.isNull(choice["index"]) || choice["index"] == .int(0)) && ReplayJSON.isNull(choice["logprobs"])
            && (ReplayJSON.isNull(choice["text"]) || choice["text"]?.stringValue != nil)
    }
}
