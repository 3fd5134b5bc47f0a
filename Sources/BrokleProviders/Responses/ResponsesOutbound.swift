import BrokleCore

/// A chat completion served by a provider that offers only OpenAI's Responses API
/// (`api: responses`), as pure translations: the gateway's OpenAI chat request becomes a
/// Responses request (this file), the `response` object that answers it becomes a
/// `chat.completion` (`ResponsesOutbound+Answer`), and its event stream becomes chat chunks
/// (``ResponsesStreamMapping``). The reverse of ``ResponsesInbound``.
///
/// Mapped: system/developer messages before the first other turn → `instructions` (text joined
/// by blank lines), later ones → `developer`/`system` input messages in place; user text, images
/// (`image_url` → `input_image`) and files (`file` → `input_file`); assistant text and refusals →
/// an assistant message of `output_text`/`refusal` parts; assistant `tool_calls` →
/// `function_call` items; `tool` messages → `function_call_output` items; function `tools`
/// (flattened, `strict` false unless given: the Responses API's default is true);
/// `tool_choice`; `parallel_tool_calls`; `response_format` (`json_object`, `json_schema`) and
/// `verbosity` → `text`; `max_completion_tokens`/`max_tokens` → `max_output_tokens`;
/// `temperature`, `top_p`, `user`, `service_tier`, `prompt_cache_key`, `safety_identifier`;
/// `reasoning_effort` → `reasoning.effort`; `stream`. `store` is always false: the gateway keeps
/// no state upstream for a chat client.
///
/// Dropped, changing nothing the model sees: `stream_options` (Responses streams always report
/// usage), `store`, chat `metadata` (meant for stored completions), a message's `name`, an
/// assistant's `reasoning_content`, and fields at their defaults (`n: 1`, `logprobs: false`,
/// penalties of 0, `modalities: ["text"]`, ...). Fields this translation does not know are sent
/// as they came, so the upstream decides (OpenAI answers an unknown one with a 400 naming it; a
/// server's own extension reaches it).
/// Rejected (400 naming the field), because dropping them would change the answer: `n` > 1,
/// `logprobs`, `top_logprobs`, `stop`, `presence_penalty`, `frequency_penalty`, `logit_bias`,
/// `seed`, `audio` and audio `modalities`, `prediction`, `web_search_options`, the legacy
/// `functions`/`function_call`, non-function tools, and audio content parts.
enum ResponsesOutbound {
    /// The chat request `bytes` (model already rewritten) as a Responses request body for `model`.
    static func body(fromChat bytes: [UInt8], model: String, stream: Bool) throws(GatewayError) -> [UInt8] {
        ResponsesJSON.encode(.object(try request(fromChat: ResponsesInbound.requestObject(bytes), model: model, stream: stream)))
    }

    /// Chat fields the translation reads or drops; every other field is sent as it came.
    static let handled: Set<String> = [
        "model", "messages", "tools", "tool_choice", "parallel_tool_calls", "response_format", "verbosity", "max_completion_tokens",
        "max_tokens", "temperature", "top_p", "user", "service_tier", "prompt_cache_key", "safety_identifier", "reasoning_effort",
        "stream", "stream_options", "store", "metadata",
    ]

    static func request(fromChat chat: [String: JSONValue], model: String, stream: Bool) throws(GatewayError) -> [String: JSONValue] {
        try rejectUnserved(chat)
        guard let messages = ResponsesJSON.array(chat["messages"]) else {
            throw .invalidRequest("'messages' is required and must be an array.", param: "messages")
        }
        var request: [String: JSONValue] = [:]
        for (key, value) in chat where !handled.contains(key) && !rejected.contains(key) { request[key] = value }
        request["model"] = .string(model)
        let (instructions, input) = try conversation(messages)
        if let instructions { request["instructions"] = .string(instructions) }
        request["input"] = .array(input)
        let tools = try functionTools(chat["tools"])
        if !tools.isEmpty { request["tools"] = .array(tools) }
        if let choice = try toolChoice(chat["tool_choice"]) { request["tool_choice"] = choice }
        if let parallel = chat["parallel_tool_calls"]?.boolValue { request["parallel_tool_calls"] = .bool(parallel) }
        var text: [String: JSONValue] = [:]
        if let format = try textFormat(chat["response_format"]) { text["format"] = format }
        if let verbosity = chat["verbosity"]?.stringValue { text["verbosity"] = .string(verbosity) }
        if !text.isEmpty { request["text"] = .object(text) }
        if let limit = chat["max_completion_tokens"]?.intValue ?? chat["max_tokens"]?.intValue {
            request["max_output_tokens"] = .int(limit)
        }
        for key in ["temperature", "top_p"] {
            if let number = chat[key], number.doubleValue != nil { request[key] = number }
        }
        for key in ["user", "service_tier", "prompt_cache_key", "safety_identifier"] {
            if let value = chat[key]?.stringValue { request[key] = .string(value) }
        }
        if let effort = chat["reasoning_effort"]?.stringValue { request["reasoning"] = .object(["effort": .string(effort)]) }
        if stream { request["stream"] = .bool(true) }
        request["store"] = .bool(false)
        return request
    }

    /// Chat fields with no Responses equivalent, refused unless at a value that changes nothing.
    static let rejected: [String] = [
        "n", "logprobs", "top_logprobs", "stop", "presence_penalty", "frequency_penalty", "logit_bias", "seed", "audio", "modalities",
        "prediction", "web_search_options", "functions", "function_call",
    ]

    static func rejectUnserved(_ chat: [String: JSONValue]) throws(GatewayError) {
        for field in rejected {
            guard let value = ResponsesJSON.present(chat[field]) else { continue }
            let harmless =
                switch field {
                case "n": value.doubleValue == 1
                case "logprobs": value.boolValue == false
                case "presence_penalty", "frequency_penalty": value.doubleValue == 0
                case "logit_bias": ResponsesJSON.object(value)?.isEmpty == true
                case "stop": ResponsesJSON.array(value)?.isEmpty == true
                case "modalities": ResponsesJSON.array(value).map { $0.allSatisfy { $0 == .string("text") } } ?? false
                default: false
                }
            guard !harmless else { continue }
            throw .invalidRequest(
                "'\(field)' is not supported by this model: its provider serves only OpenAI's Responses API, which has no equivalent.",
                param: field)
        }
    }

    /// Function tools, flat as the Responses API writes them.
    static func functionTools(_ value: JSONValue?) throws(GatewayError) -> [JSONValue] {
        guard let value = ResponsesJSON.present(value) else { return [] }
        guard let tools = ResponsesJSON.array(value) else { throw .invalidRequest("'tools' must be a list.", param: "tools") }
        var out: [JSONValue] = []
        for tool in tools {
            let tool = ResponsesJSON.object(tool) ?? [:]
            let type = tool["type"]?.stringValue ?? ""
            guard type == "function", let function = ResponsesJSON.object(tool["function"]),
                let name = function["name"]?.stringValue, !name.isEmpty
            else {
                throw .invalidRequest(
                    "Only function tools with a name can be sent to this model (a tool of type '\(type)' cannot).", param: "tools")
            }
            var flat: [String: JSONValue] = ["type": .string("function"), "name": .string(name)]
            for key in ["description", "parameters"] {
                if let field = ResponsesJSON.present(function[key]) { flat[key] = field }
            }
            flat["strict"] = .bool(function["strict"]?.boolValue ?? false)
            out.append(.object(flat))
        }
        return out
    }

    /// `"auto"`, `"none"` and `"required"` as they are; a named function flattened.
    static func toolChoice(_ value: JSONValue?) throws(GatewayError) -> JSONValue? {
        switch ResponsesJSON.present(value) {
        case nil: return nil
        case .string(let mode) where ["auto", "none", "required"].contains(mode): return .string(mode)
        case .object(let choice):
            guard choice["type"]?.stringValue == "function", let name = ResponsesJSON.object(choice["function"])?["name"]?.stringValue
            else {
                throw .invalidRequest("'tool_choice' can only name a function for this model.", param: "tool_choice")
            }
            return .object(["type": .string("function"), "name": .string(name)])
        default:
            throw .invalidRequest("'tool_choice' must be \"auto\", \"none\", \"required\" or a function.", param: "tool_choice")
        }
    }

    /// `response_format` as `text.format`; plain text (the default) needs none.
    static func textFormat(_ value: JSONValue?) throws(GatewayError) -> JSONValue? {
        guard let format = ResponsesJSON.object(ResponsesJSON.present(value)) else { return nil }
        switch format["type"]?.stringValue {
        case "text": return nil
        case "json_object": return .object(["type": .string("json_object")])
        case "json_schema":
            guard let schema = ResponsesJSON.object(format["json_schema"]), let name = schema["name"]?.stringValue else {
                throw .invalidRequest("A json_schema response format needs 'json_schema.name'.", param: "response_format")
            }
            var flat: [String: JSONValue] = ["type": .string("json_schema"), "name": .string(name)]
            for key in ["schema", "strict", "description"] {
                if let field = ResponsesJSON.present(schema[key]) { flat[key] = field }
            }
            return .object(flat)
        case let type:
            throw .invalidRequest("The response format '\(type ?? "")' is not supported by this model.", param: "response_format")
        }
    }
}
