import BrokleCore
import Foundation

/// OpenAI Chat Completions request JSON → Gemini `generateContent` request.
///
/// What maps: system/developer messages → `systemInstruction`; user/assistant turns → `user`/`model`
/// contents; assistant `tool_calls` → `functionCall` parts (arguments parsed to an object); `tool`
/// (and legacy `function`) messages → `functionResponse` parts named after the matching earlier
/// tool call, consecutive ones merged into one user turn; `image_url` (`data:` URLs inline,
/// http(s) URLs as `fileData`), `input_audio` and `file` data parts; `tools` → `functionDeclarations`;
/// `tool_choice`; `temperature`, `top_p`, `max_completion_tokens`/`max_tokens`, `stop`, `n`,
/// `presence_penalty`, `frequency_penalty`, `seed`; `response_format` json_object/json_schema →
/// `responseMimeType` (+ `responseSchema`).
///
/// Dropped, having no Gemini equivalent: `user`, `parallel_tool_calls`, `logit_bias`, `logprobs`,
/// `top_logprobs`, `reasoning_effort`, `metadata`, `store`, `service_tier`, `stream_options` (Gemini
/// always reports usage), image `detail`, assistant `refusal`/`name`, non-function tool types.
enum GeminiRequestMapping {
    static func request(fromOpenAI body: Data) throws -> GeminiWire.Request {
        guard let json = try? JSONDecoder().decode(JSONValue.self, fromUntrusted: body), case .object(let root) = json else {
            throw GatewayError.invalidRequest("The request body is not a JSON object.")
        }
        guard case .array(let messages)? = root["messages"] else {
            throw GatewayError.invalidRequest("'messages' must be an array.", param: "messages")
        }
        var conversation = Conversation()
        for (index, message) in messages.enumerated() {
            try conversation.add(message, at: index)
        }
        let tools = try functionDeclarations(root["tools"])
        return GeminiWire.Request(
            contents: conversation.contents,
            systemInstruction: conversation.system.isEmpty ? nil : GeminiWire.Content(role: nil, parts: conversation.system),
            tools: tools.isEmpty ? nil : [GeminiWire.Tool(functionDeclarations: tools)],
            toolConfig: try toolConfig(root["tool_choice"]),
            generationConfig: try generationConfig(root)
        )
    }

    /// The request's JSON bytes, ready to send.
    static func body(fromOpenAI body: Data) throws -> Data {
        try GeminiWire.encoder.encode(request(fromOpenAI: body))
    }

    // MARK: Tools

    static func functionDeclarations(_ tools: JSONValue?) throws -> [GeminiWire.FunctionDeclaration] {
        guard let tools, tools != .null else { return [] }
        guard case .array(let list) = tools else { throw GatewayError.invalidRequest("'tools' must be an array.", param: "tools") }
        return try list.enumerated().compactMap { index, tool in
            guard tool["type"]?.stringValue ?? "function" == "function" else { return nil }
            guard let function = tool["function"], let name = function["name"]?.stringValue else {
                throw GatewayError.invalidRequest("tools[\(index)].function.name is required.", param: "tools")
            }
            return GeminiWire.FunctionDeclaration(
                name: name, description: function["description"]?.stringValue,
                parameters: function["parameters"].flatMap(GeminiSchema.parameters)
            )
        }
    }

    static func toolConfig(_ choice: JSONValue?) throws -> GeminiWire.ToolConfig? {
        let config: GeminiWire.FunctionCallingConfig
        switch choice {
        case nil, .null?: return nil
        case .string("auto")?: config = .init(mode: "AUTO")
        case .string("none")?: config = .init(mode: "NONE")
        case .string("required")?: config = .init(mode: "ANY")
        case .object?:
            guard let name = choice?["function"]?["name"]?.stringValue else {
                throw GatewayError.invalidRequest("tool_choice.function.name is required.", param: "tool_choice")
            }
            config = .init(mode: "ANY", allowedFunctionNames: [name])
        default:
            throw GatewayError.invalidRequest("tool_choice must be 'auto', 'none', 'required' or a function.", param: "tool_choice")
        }
        return GeminiWire.ToolConfig(functionCallingConfig: config)
    }

    // MARK: Generation settings

    static func generationConfig(_ root: [String: JSONValue]) throws -> GeminiWire.GenerationConfig? {
        var config = GeminiWire.GenerationConfig()
        config.temperature = number(root["temperature"])
        config.topP = number(root["top_p"])
        config.maxOutputTokens = (number(root["max_completion_tokens"]) ?? number(root["max_tokens"])).flatMap {
            Int(exactly: $0.rounded())
        }
        switch root["stop"] {
        case .string(let stop)?: config.stopSequences = [stop]
        case .array(let stops)?: config.stopSequences = stops.compactMap(\.stringValue)
        default: break
        }
        config.candidateCount = number(root["n"]).flatMap { Int(exactly: $0.rounded()) }
        config.presencePenalty = number(root["presence_penalty"])
        config.frequencyPenalty = number(root["frequency_penalty"])
        config.seed = number(root["seed"]).flatMap { Int(exactly: $0.rounded()) }
        switch root["response_format"]?["type"]?.stringValue {
        case "json_object":
            config.responseMimeType = "application/json"
        case "json_schema":
            config.responseMimeType = "application/json"
            config.responseSchema = root["response_format"]?["json_schema"]?["schema"].map(GeminiSchema.sanitized)
        default: break
        }
        return config.isEmpty ? nil : config
    }
}

extension GeminiRequestMapping {
    /// A JSON number as a Double (integers included).
    static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .int(let value)?: Double(value)
        case .double(let value)?: value
        default: nil
        }
    }
}
