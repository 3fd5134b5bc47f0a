import BrokleCore

/// Tools, tool choice and output format: Responses writes them flat, chat nests them.
extension ResponsesInbound {
    /// Function tools as chat tools. Hosted tools (web search, file search, code interpreter, MCP,
    /// computer use, ...) run on OpenAI's side of the Responses API; chat has nothing that would
    /// run them, so a request naming one is refused rather than answered without it.
    static func chatTools(_ value: JSONValue?) throws(GatewayError) -> [JSONValue] {
        guard let value = ResponsesJSON.present(value) else { return [] }
        guard case .array(let tools) = value else { throw .invalidRequest("'tools' must be a list.", param: "tools") }
        var out: [JSONValue] = []
        for tool in tools {
            let tool = ResponsesJSON.object(tool) ?? [:]
            guard let type = tool["type"]?.stringValue else { throw .invalidRequest("A tool has no 'type'.", param: "tools") }
            guard type == "function" else { throw hostedTool(type, param: "tools") }
            guard let name = tool["name"]?.stringValue, !name.isEmpty else {
                throw .invalidRequest("A function tool has no 'name'.", param: "tools")
            }
            var function: [String: JSONValue] = ["name": .string(name)]
            for key in ["description", "parameters", "strict"] {
                if let field = ResponsesJSON.present(tool[key]) { function[key] = field }
            }
            out.append(.object(["type": .string("function"), "function": .object(function)]))
        }
        return out
    }

    /// `"auto"`, `"none"` and `"required"` as they are; a named function nested the chat way.
    static func chatToolChoice(_ value: JSONValue?) throws(GatewayError) -> JSONValue? {
        switch ResponsesJSON.present(value) {
        case nil: return nil
        case .string(let mode) where ["auto", "none", "required"].contains(mode): return .string(mode)
        case .object(let choice):
            let type = choice["type"]?.stringValue ?? ""
            guard type == "function" else { throw hostedTool(type, param: "tool_choice", choice: true) }
            guard let name = choice["name"]?.stringValue else {
                throw .invalidRequest("'tool_choice' names no function.", param: "tool_choice")
            }
            return .object(["type": .string("function"), "function": .object(["name": .string(name)])])
        default:
            throw .invalidRequest("'tool_choice' must be \"auto\", \"none\", \"required\" or a function.", param: "tool_choice")
        }
    }

    /// `text.format` as chat's `response_format`; plain text (the default) needs none.
    static func responseFormat(_ text: JSONValue?) throws(GatewayError) -> JSONValue? {
        guard let format = ResponsesJSON.object(ResponsesJSON.object(text)?["format"]) else { return nil }
        switch format["type"]?.stringValue {
        case "text": return nil
        case "json_object": return .object(["type": .string("json_object")])
        case "json_schema":
            guard let name = format["name"]?.stringValue, let schema = ResponsesJSON.present(format["schema"]) else {
                throw .invalidRequest("A json_schema text format needs 'name' and 'schema'.", param: "text.format")
            }
            var jsonSchema: [String: JSONValue] = ["name": .string(name), "schema": schema]
            for key in ["strict", "description"] {
                if let field = ResponsesJSON.present(format[key]) { jsonSchema[key] = field }
            }
            return .object(["type": .string("json_schema"), "json_schema": .object(jsonSchema)])
        case let type:
            throw .invalidRequest("The text format '\(type ?? "")' is not supported by this route.", param: "text.format")
        }
    }

    private static func hostedTool(_ type: String, param: String, choice: Bool = false) -> GatewayError {
        let what = choice ? "A tool choice of the hosted tool" : "The hosted tool"
        return .invalidRequest(
            "\(what) '\(type)' cannot be served by this route: only function tools are translated.", param: param)
    }
}
