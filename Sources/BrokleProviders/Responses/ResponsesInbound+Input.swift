import BrokleCore

/// `input` as chat messages: a string is one user message; a list of items becomes messages in
/// order, function calls folded into the assistant turn that made them as chat requires.
extension ResponsesInbound {
    static func chatMessages(fromInput input: JSONValue) throws(GatewayError) -> [JSONValue] {
        switch input {
        case .string(let text):
            return [.object(["role": .string("user"), "content": .string(text)])]
        case .array(let items):
            var messages: [[String: JSONValue]] = []
            // A reasoning item that can go back (it carries its `encrypted_content`) belongs to the
            // assistant turn after it, as `reasoning_content` and `reasoning_signature`.
            var reasoning: [String: JSONValue]?
            for (index, item) in items.enumerated() {
                defer {
                    if let carried = reasoning, ResponsesJSON.object(item)?["type"]?.stringValue != "reasoning" {
                        reasoning = nil
                        if var last = messages.last, last["role"] == .string("assistant"), last["reasoning_content"] == nil {
                            last.merge(carried) { $1 }
                            messages[messages.count - 1] = last
                        }
                    }
                }
                let at = "input[\(index)]"
                guard let item = ResponsesJSON.object(item) else { throw .invalidRequest("\(at) must be an object.", param: "input") }
                let type = item["type"]?.stringValue ?? (item["role"] != nil ? "message" : "")
                switch type {
                case "message":
                    messages.append(try chatMessage(item, at: at))
                case "function_call":
                    try appendToolCall(item, at: at, to: &messages)
                case "function_call_output":
                    guard let callID = item["call_id"]?.stringValue else { throw missing("call_id", at: at) }
                    let output = try toolOutputText(item["output"], at: at)
                    messages.append(["role": .string("tool"), "tool_call_id": .string(callID), "content": .string(output)])
                case "reasoning":
                    // Only Anthropic's signed thinking can go back through chat (as its thinking
                    // block); any other reasoning (OpenAI's encrypted content) has no reader on a
                    // translated route: only the answer it led to is kept.
                    if let signature = item["encrypted_content"]?.stringValue, signature.hasPrefix(AnthropicThinking.signaturePrefix) {
                        reasoning = ["reasoning_content": .string(reasoningText(item)), "reasoning_signature": .string(signature)]
                    }
                case "item_reference":
                    throw .invalidRequest(
                        "\(at): item references ('item_reference') cannot be resolved by this route: send the items themselves.",
                        param: "input")
                case "":
                    throw .invalidRequest("\(at) has no 'type'.", param: "input")
                default:
                    throw .invalidRequest("\(at): the input item type '\(type)' is not supported by this route.", param: "input")
                }
            }
            return messages.map(JSONValue.object)
        default:
            throw .invalidRequest("'input' must be a string or a list of input items.", param: "input")
        }
    }

    /// Earlier items as a provider that speaks the Responses API takes them: reasoning Brokle
    /// translated from another provider (its signature marked as that provider's) is left out,
    /// since only the provider that made it can read it.
    package static func nativeInput(_ items: [JSONValue]) -> [JSONValue] {
        items.filter { item in
            guard let item = ResponsesJSON.object(item), item["type"]?.stringValue == "reasoning",
                let signature = item["encrypted_content"]?.stringValue
            else { return true }
            return !signature.hasPrefix(AnthropicThinking.signaturePrefix)
        }
    }

    /// The text of a reasoning item: its `reasoning_text` content, else its summary.
    static func reasoningText(_ item: [String: JSONValue]) -> String {
        let parts = ResponsesJSON.array(item["content"]) ?? ResponsesJSON.array(item["summary"]) ?? []
        return parts.compactMap { ResponsesJSON.object($0)?["text"]?.stringValue }.joined(separator: "\n\n")
    }

    /// A `message` item. Developer messages become system messages: not every chat server knows
    /// the `developer` role.
    static func chatMessage(_ item: [String: JSONValue], at: String) throws(GatewayError) -> [String: JSONValue] {
        guard let content = ResponsesJSON.present(item["content"]) else { throw missing("content", at: at) }
        switch item["role"]?.stringValue {
        case "user":
            return ["role": .string("user"), "content": try userContent(content, at: at)]
        case "system", "developer":
            return ["role": .string("system"), "content": .string(try plainText(content, at: at))]
        case "assistant":
            return ["role": .string("assistant"), "content": .string(try plainText(content, at: at))]
        case let role?:
            throw .invalidRequest("\(at): the role '\(role)' is not one of user, assistant, system, developer.", param: "input")
        case nil:
            throw missing("role", at: at)
        }
    }

    /// A `function_call` item joins the assistant message just before it (its text, or the calls
    /// before it): chat wants one assistant message per turn, all its tool calls in it.
    static func appendToolCall(_ item: [String: JSONValue], at: String, to messages: inout [[String: JSONValue]]) throws(GatewayError) {
        guard let callID = item["call_id"]?.stringValue else { throw missing("call_id", at: at) }
        guard let name = item["name"]?.stringValue else { throw missing("name", at: at) }
        let arguments: String =
            switch item["arguments"] {
            case .string(let text)?: text
            case nil, .null?: "{}"
            case let value?: String(decoding: ResponsesJSON.encode(value), as: UTF8.self)
            }
        let call: JSONValue = .object([
            "id": .string(callID), "type": .string("function"),
            "function": .object(["name": .string(name), "arguments": .string(arguments)]),
        ])
        if var last = messages.last, last["role"] == .string("assistant") {
            last["tool_calls"] = .array((ResponsesJSON.array(last["tool_calls"]) ?? []) + [call])
            if last["content"] == .string("") { last["content"] = .null }
            messages[messages.count - 1] = last
        } else {
            messages.append(["role": .string("assistant"), "content": .null, "tool_calls": .array([call])])
        }
    }

    /// User content: a string stays one, and so does a lone text part (every chat server takes a
    /// string); otherwise chat parts.
    static func userContent(_ content: JSONValue, at: String) throws(GatewayError) -> JSONValue {
        if case .string = content { return content }
        guard case .array(let parts) = content else {
            throw .invalidRequest("\(at): 'content' must be a string or a list.", param: "input")
        }
        var chatParts: [JSONValue] = []
        for part in parts {
            let part = ResponsesJSON.object(part) ?? [:]
            let type = part["type"]?.stringValue ?? ""
            switch type {
            case "input_text", "output_text", "text":
                chatParts.append(.object(["type": .string("text"), "text": .string(part["text"]?.stringValue ?? "")]))
            case "input_image":
                guard let url = part["image_url"]?.stringValue else {
                    throw unservedFile("an input_image", by: part, at: at, instead: "'image_url' (a URL or a data URL)")
                }
                var image: [String: JSONValue] = ["url": .string(url)]
                if let detail = part["detail"]?.stringValue { image["detail"] = .string(detail) }
                chatParts.append(.object(["type": .string("image_url"), "image_url": .object(image)]))
            case "input_file":
                guard let data = part["file_data"]?.stringValue else {
                    throw unservedFile("an input_file", by: part, at: at, instead: "'file_data' (a base64 data URL)")
                }
                var file: [String: JSONValue] = ["file_data": .string(data)]
                if let filename = part["filename"]?.stringValue { file["filename"] = .string(filename) }
                chatParts.append(.object(["type": .string("file"), "file": .object(file)]))
            default:
                throw unsupportedPart(type, at: at)
            }
        }
        if chatParts.count == 1, let only = ResponsesJSON.object(chatParts[0]), only["type"] == .string("text"), let text = only["text"] {
            return text
        }
        return .array(chatParts)
    }

    /// The text of content that may only hold text (system, developer and assistant turns).
    static func plainText(_ content: JSONValue, at: String) throws(GatewayError) -> String {
        if case .string(let text) = content { return text }
        guard case .array(let parts) = content else {
            throw .invalidRequest("\(at): 'content' must be a string or a list.", param: "input")
        }
        var text = ""
        for part in parts {
            let part = ResponsesJSON.object(part) ?? [:]
            switch part["type"]?.stringValue ?? "" {
            case "input_text", "output_text", "text": text += part["text"]?.stringValue ?? ""
            case "refusal": text += part["refusal"]?.stringValue ?? ""
            case let type: throw unsupportedPart(type, at: at, textOnly: true)
            }
        }
        return text
    }

    /// A function call's output: a string, or text parts joined by newlines (chat tool messages
    /// take text).
    static func toolOutputText(_ output: JSONValue?, at: String) throws(GatewayError) -> String {
        switch output {
        case .string(let text)?: return text
        case .array(let parts)?:
            var texts: [String] = []
            for part in parts {
                let part = ResponsesJSON.object(part) ?? [:]
                let type = part["type"]?.stringValue ?? ""
                guard type == "input_text" || type == "output_text" else { throw unsupportedPart(type, at: at, textOnly: true) }
                texts.append(part["text"]?.stringValue ?? "")
            }
            return texts.joined(separator: "\n")
        default: throw missing("output", at: at)
        }
    }

    private static func missing(_ field: String, at: String) -> GatewayError {
        .invalidRequest("\(at) has no '\(field)'.", param: "input")
    }

    private static func unsupportedPart(_ type: String, at: String, textOnly: Bool = false) -> GatewayError {
        let name = type.isEmpty ? "without a 'type'" : "'\(type)'"
        let reason = textOnly ? " here: only text is translated in this place" : " by this route"
        return .invalidRequest("\(at): the content part \(name) is not supported\(reason).", param: "input")
    }

    /// A file or image the gateway cannot fetch: named by `file_id` (OpenAI's file store) or `file_url`.
    private static func unservedFile(_ what: String, by part: [String: JSONValue], at: String, instead: String) -> GatewayError {
        let given = ["file_id", "file_url"].first { part[$0] != nil }
        let how = given.map { " given by '\($0)'" } ?? " without content"
        return .invalidRequest(
            "\(at): \(what)\(how) cannot be served by this route (the gateway has no file store): send it as \(instead).", param: "input")
    }
}
