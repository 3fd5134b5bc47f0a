import BrokleCore

extension TraceConversation {
    /// The answer a client received, as messages: a whole answer in its format — an OpenAI
    /// `chat.completion` (or legacy `text_completion`), an Anthropic `message`, a Responses
    /// `response` — which is also how a stream is stored once assembled; an embeddings list by
    /// count; an error (in-band in a stream, or the error body) as an `error` message. Nil for a
    /// shape it does not know.
    static func answer(_ response: JSONValue) -> [Message]? {
        var messages: [Message] = []
        if case .array(let choices)? = response["choices"] {
            for choice in choices {
                if let message = choice["message"], var turn = Self.message(message) {
                    if turn.role.isEmpty { turn.role = "assistant" }
                    messages.append(turn)
                } else if let text = choice["text"]?.stringValue {
                    messages.append(Message(role: "assistant", parts: [.text(text)]))
                }
            }
        } else if response["type"]?.stringValue == "message", let content = response["content"] {
            messages.append(Message(role: response["role"]?.stringValue ?? "assistant", parts: parts(content)))
        } else if let output = (response["response"] ?? response)["output"], case .array(let items) = output {
            messages += responsesOutput(items)
        } else if case .array(let data)? = response["data"], response["object"]?.stringValue == "list" {
            messages.append(Message(role: "assistant", parts: [.note("[\(data.count) embedding\(data.count == 1 ? "" : "s")]")]))
        }
        if let error = response["error"], error != .null {
            messages.append(Message(role: "error", parts: [.text(error["message"]?.stringValue ?? text(error))]))
        }
        return messages.isEmpty ? nil : messages
    }

    /// Responses `output` items: messages' text, function calls, reasoning summaries.
    static func responsesOutput(_ items: [JSONValue]) -> [Message] {
        var parts: [Part] = []
        for item in items {
            switch item["type"]?.stringValue {
            case "message"?: parts += item["content"].map(Self.parts) ?? []
            case "function_call"?, "custom_tool_call"?:
                parts.append(.toolCall(name: name(item["name"]), arguments: arguments(item["arguments"] ?? item["input"])))
            case "reasoning"?:
                let summary = (item["summary"].map(text) ?? "")
                parts.append(.note(summary.isEmpty ? "(reasoning)" : "(reasoning) " + summary))
            case let type?: parts.append(.note("[\(type)]"))
            case nil: break
            }
        }
        return parts.isEmpty ? [] : [Message(role: "assistant", parts: parts)]
    }
}
