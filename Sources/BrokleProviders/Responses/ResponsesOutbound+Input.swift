import BrokleCore

/// Chat `messages` as `instructions` and Responses `input` items.
extension ResponsesOutbound {
    /// The leading system/developer text (joined), and every other message as input items in order.
    static func conversation(_ messages: [JSONValue]) throws(GatewayError) -> (instructions: String?, input: [JSONValue]) {
        var instructions: [String] = []
        var input: [JSONValue] = []
        for (index, message) in messages.enumerated() {
            let at = "messages[\(index)]"
            guard let message = ResponsesJSON.object(message) else { throw .invalidRequest("\(at) must be an object.", param: "messages") }
            switch message["role"]?.stringValue {
            case let role? where role == "system" || role == "developer":
                let text = try plainText(message["content"], at: at)
                if input.isEmpty {
                    instructions.append(text)
                } else {
                    // A system turn later in the conversation stays where it was said.
                    input.append(Self.message(role: role, content: [Self.part("input_text", text)]))
                }
            case "user":
                input.append(Self.message(role: "user", content: try userParts(message["content"], at: at)))
            case "assistant":
                input += try assistantItems(message, at: at)
            case "tool":
                guard let callID = message["tool_call_id"]?.stringValue else {
                    throw .invalidRequest("\(at) has no 'tool_call_id'.", param: "messages")
                }
                let output = try plainText(message["content"], at: at)
                input.append(.object(["type": .string("function_call_output"), "call_id": .string(callID), "output": .string(output)]))
            case let role?:
                throw .invalidRequest("\(at): the role '\(role)' cannot be sent to this model.", param: "messages")
            case nil:
                throw .invalidRequest("\(at) has no 'role'.", param: "messages")
            }
        }
        return (instructions.isEmpty ? nil : instructions.joined(separator: "\n\n"), input)
    }

    /// An assistant turn: its text and refusal as one message, then one `function_call` per tool call.
    static func assistantItems(_ message: [String: JSONValue], at: String) throws(GatewayError) -> [JSONValue] {
        if ResponsesJSON.present(message["audio"]) != nil {
            throw .invalidRequest("\(at): an assistant's 'audio' cannot be sent to this model.", param: "messages")
        }
        var parts: [JSONValue] = []
        switch ResponsesJSON.present(message["content"]) {
        case nil: break
        case .string(let text):
            if !text.isEmpty { parts.append(part("output_text", text)) }
        case .array(let given):
            for part in given {
                let part = ResponsesJSON.object(part) ?? [:]
                switch part["type"]?.stringValue {
                case "text": parts.append(Self.part("output_text", part["text"]?.stringValue ?? ""))
                case "refusal": parts.append(.object(["type": .string("refusal"), "refusal": .string(part["refusal"]?.stringValue ?? "")]))
                case let type: throw unsupportedPart(type, at: at)
                }
            }
        default:
            throw .invalidRequest("\(at): 'content' must be a string or a list.", param: "messages")
        }
        if let refusal = message["refusal"]?.stringValue, !refusal.isEmpty {
            parts.append(.object(["type": .string("refusal"), "refusal": .string(refusal)]))
        }
        var items: [JSONValue] = parts.isEmpty ? [] : [Self.message(role: "assistant", content: parts)]
        for call in ResponsesJSON.array(message["tool_calls"]) ?? [] {
            let call = ResponsesJSON.object(call) ?? [:]
            guard (call["type"]?.stringValue ?? "function") == "function", let function = ResponsesJSON.object(call["function"]),
                let callID = call["id"]?.stringValue, let name = function["name"]?.stringValue
            else {
                throw .invalidRequest("\(at): only function tool calls with an id and a name can be sent to this model.", param: "messages")
            }
            items.append(
                .object([
                    "type": .string("function_call"), "call_id": .string(callID), "name": .string(name),
                    "arguments": .string(function["arguments"]?.stringValue ?? "{}"),
                ]))
        }
        return items
    }

    /// User content as input parts: text, images and files.
    static func userParts(_ content: JSONValue?, at: String) throws(GatewayError) -> [JSONValue] {
        switch ResponsesJSON.present(content) {
        case .string(let text)?: return [part("input_text", text)]
        case .array(let given)?:
            var parts: [JSONValue] = []
            for part in given {
                let part = ResponsesJSON.object(part) ?? [:]
                switch part["type"]?.stringValue {
                case "text":
                    parts.append(Self.part("input_text", part["text"]?.stringValue ?? ""))
                case "image_url":
                    let image = ResponsesJSON.object(part["image_url"]) ?? [:]
                    guard let url = image["url"]?.stringValue ?? part["image_url"]?.stringValue else {
                        throw .invalidRequest("\(at): an image_url part has no 'url'.", param: "messages")
                    }
                    parts.append(
                        .object([
                            "type": .string("input_image"), "image_url": .string(url),
                            "detail": .string(image["detail"]?.stringValue ?? "auto"),
                        ]))
                case "file":
                    var file: [String: JSONValue] = ["type": .string("input_file")]
                    for key in ["file_data", "file_id", "filename"] {
                        if let value = ResponsesJSON.object(part["file"])?[key]?.stringValue { file[key] = .string(value) }
                    }
                    parts.append(.object(file))
                case let type:
                    throw unsupportedPart(type, at: at)
                }
            }
            return parts
        default:
            throw .invalidRequest("\(at): 'content' must be a string or a list.", param: "messages")
        }
    }

    /// The text of content that may only hold text (system, developer and tool turns).
    static func plainText(_ content: JSONValue?, at: String) throws(GatewayError) -> String {
        switch ResponsesJSON.present(content) {
        case nil: return ""
        case .string(let text)?: return text
        case .array(let parts)?:
            var text = ""
            for part in parts {
                let part = ResponsesJSON.object(part) ?? [:]
                guard part["type"]?.stringValue == "text" else { throw unsupportedPart(part["type"]?.stringValue, at: at) }
                text += part["text"]?.stringValue ?? ""
            }
            return text
        default:
            throw .invalidRequest("\(at): 'content' must be a string or a list.", param: "messages")
        }
    }

    static func message(role: String, content: [JSONValue]) -> JSONValue {
        .object(["type": .string("message"), "role": .string(role), "content": .array(content)])
    }

    static func part(_ type: String, _ text: String) -> JSONValue {
        .object(["type": .string(type), "text": .string(text)])
    }

    private static func unsupportedPart(_ type: String?, at: String) -> GatewayError {
        let name = type.map { "'\($0)'" } ?? "without a 'type'"
        return .invalidRequest("\(at): the content part \(name) cannot be sent to this model.", param: "messages")
    }
}
