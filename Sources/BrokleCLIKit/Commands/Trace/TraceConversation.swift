import BrokleCore

/// A captured request read as the conversation it carries, for `trace show --format table`: the
/// messages asked (system, user, assistant turns with their tool calls, tool results) in the OpenAI
/// chat, Anthropic messages and Responses shapes. Nil for a shape it does not know; the caller
/// then prints the raw text.
struct TraceConversation: Equatable {
    struct Message: Equatable {
        var role: String
        var parts: [Part]
    }

    enum Part: Equatable {
        case text(String)
        case toolCall(name: String, arguments: String)
        case toolResult(callID: String?, text: String)
        /// Something shown by kind, not content: `[image]`, `(thinking) …`.
        case note(String)
    }

    var messages: [Message]

    /// The conversation of a request body, or nil when its shape is not one of the three.
    init?(request: JSONValue) {
        guard case .object = request else { return nil }
        var messages: [Message] = []
        // Anthropic's system prompt and the Responses instructions come before the turns.
        if let system = request["system"] { messages.append(Message(role: "system", parts: Self.parts(system))) }
        if let instructions = request["instructions"], instructions != .null {
            messages.append(Message(role: "system", parts: Self.parts(instructions)))
        }
        if case .array(let turns)? = request["messages"] {
            messages += turns.compactMap(Self.message)
        } else if let input = request["input"] {
            switch input {
            case .array(let items): messages += items.compactMap(Self.message)
            default: messages.append(Message(role: "user", parts: Self.parts(input)))
            }
        } else if let prompt = request["prompt"] {
            messages.append(Message(role: "user", parts: Self.parts(prompt)))
        } else {
            return nil
        }
        self.messages = messages
    }

    /// One turn: a chat or Anthropic message, or a Responses input item.
    static func message(_ item: JSONValue) -> Message? {
        switch item["type"]?.stringValue {
        case "function_call"?, "custom_tool_call"?:
            return Message(
                role: "assistant", parts: [.toolCall(name: name(item["name"]), arguments: arguments(item["arguments"] ?? item["input"]))])
        case "function_call_output"?, "custom_tool_call_output"?:
            return Message(role: "tool", parts: [.toolResult(callID: item["call_id"]?.stringValue, text: text(item["output"]))])
        case "reasoning"?:
            return Message(role: "assistant", parts: [.note("(reasoning)")])
        default:
            break
        }
        if case .string(let text) = item { return Message(role: "user", parts: [.text(text)]) }
        guard let role = item["role"]?.stringValue else {
            return item["type"].map { Message(role: "item", parts: [.note("[\(text($0))]")]) }
        }
        var parts = item["content"].map(Self.parts) ?? []
        if let reasoning = (item["reasoning_content"] ?? item["reasoning"])?.stringValue {
            parts.insert(.note("(thinking) " + reasoning), at: 0)
        }
        if case .array(let calls)? = item["tool_calls"] {
            for call in calls {
                parts.append(.toolCall(name: name(call["function"]?["name"]), arguments: arguments(call["function"]?["arguments"])))
            }
        }
        if role == "tool" {
            return Message(role: role, parts: [.toolResult(callID: item["tool_call_id"]?.stringValue, text: text(item["content"]))])
        }
        return Message(role: role, parts: parts)
    }

    /// A message's content: a string, or blocks of any of the three formats.
    static func parts(_ content: JSONValue) -> [Part] {
        switch content {
        case .null: return []
        case .string(let text): return [.text(text)]
        case .array(let blocks): return blocks.flatMap(block)
        default: return [.note(text(content))]
        }
    }

    static func block(_ block: JSONValue) -> [Part] {
        if case .string(let text) = block { return [.text(text)] }
        let type = block["type"]?.stringValue ?? ""
        switch type {
        case "text", "input_text", "output_text": return [.text(block["text"]?.stringValue ?? "")]
        case "refusal": return [.text(block["refusal"]?.stringValue ?? "")]
        case "image_url", "image", "input_image": return [.note("[image]")]
        case "input_audio", "audio": return [.note("[audio]")]
        case "file", "input_file", "document": return [.note("[file]")]
        case "tool_use", "server_tool_use": return [.toolCall(name: name(block["name"]), arguments: arguments(block["input"]))]
        case "tool_result":
            return [.toolResult(callID: block["tool_use_id"]?.stringValue, text: text(block["content"]))]
        case "thinking": return [.note("(thinking) " + (block["thinking"]?.stringValue ?? ""))]
        case "redacted_thinking": return [.note("(thinking, redacted)")]
        default: return [.note("[\(type.isEmpty ? "?" : type)]")]
        }
    }

    static func name(_ value: JSONValue?) -> String { value?.stringValue ?? "?" }

    /// Tool arguments: a string as sent (OpenAI), an object as compact JSON (Anthropic's `input`).
    static func arguments(_ value: JSONValue?) -> String {
        guard let value else { return "" }
        return value.stringValue ?? text(value)
    }

    /// Any content as text: a string as is, blocks' texts joined, anything else as compact JSON.
    static func text(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: return ""
        case .string(let text)?: return text
        case .array(let blocks)? where blocks.allSatisfy({ $0.stringValue != nil || $0["text"]?.stringValue != nil }):
            return blocks.map { $0.stringValue ?? $0["text"]?.stringValue ?? "" }.joined(separator: "\n")
        case let value?: return (try? JSONLines.line(value)) ?? ""
        }
    }
}
