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
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body), case .object(let root) = json else {
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
        config.maxOutputTokens = (number(root["max_completion_tokens"]) ?? number(root["max_tokens"])).flatMap { Int(exactly: $0.rounded()) }
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
    /// Builds Gemini's contents message by message, remembering tool call names for tool results.
    struct Conversation {
        var system: [GeminiWire.Part] = []
        var contents: [GeminiWire.Content] = []
        /// Tool call id → function name, from earlier assistant messages (later ids win).
        var toolNames: [String: String] = [:]

        mutating func add(_ message: JSONValue, at index: Int) throws {
            let role = message["role"]?.stringValue ?? ""
            let content = message["content"]
            switch role {
            case "system", "developer":
                system += try GeminiRequestMapping.parts(content, at: index).filter { $0.text != nil }
            case "user":
                let parts = try GeminiRequestMapping.parts(content, at: index)
                if !parts.isEmpty { contents.append(.init(role: "user", parts: parts)) }
            case "assistant":
                var parts = try GeminiRequestMapping.parts(content, at: index).filter { $0.text != nil }
                parts += try functionCalls(message["tool_calls"], at: index)
                if !parts.isEmpty { contents.append(.init(role: "model", parts: parts)) }
            case "tool", "function":
                let name: String
                if role == "function" {
                    name = message["name"]?.stringValue ?? ""
                } else {
                    let id = message["tool_call_id"]?.stringValue ?? ""
                    guard let known = toolNames[id] else {
                        throw GatewayError.invalidRequest(
                            "messages[\(index)]: tool_call_id '\(id)' does not match a tool call of an earlier assistant message.",
                            param: "messages"
                        )
                    }
                    name = known
                }
                let part = GeminiWire.Part(functionResponse: .init(name: name, response: .object(["content": GeminiRequestMapping.toolResult(content)])))
                // Gemini wants all results of one model turn's calls in one user turn.
                if let last = contents.last, last.role == "user", let parts = last.parts, parts.allSatisfy({ $0.functionResponse != nil }) {
                    contents[contents.count - 1].parts = parts + [part]
                } else {
                    contents.append(.init(role: "user", parts: [part]))
                }
            default:
                throw GatewayError.invalidRequest("messages[\(index)]: unknown role '\(role)'.", param: "messages")
            }
        }

        private mutating func functionCalls(_ calls: JSONValue?, at index: Int) throws -> [GeminiWire.Part] {
            guard case .array(let list)? = calls else { return [] }
            return try list.map { call in
                guard let function = call["function"], let name = function["name"]?.stringValue else {
                    throw GatewayError.invalidRequest("messages[\(index)]: a tool call has no function name.", param: "messages")
                }
                let id = call["id"]?.stringValue ?? ""
                toolNames[id] = name
                let arguments = function["arguments"]?.stringValue ?? ""
                let args: JSONValue
                if arguments.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    args = .object([:])
                } else if let parsed = try? JSONDecoder().decode(JSONValue.self, from: Data(arguments.utf8)), case .object = parsed {
                    args = parsed
                } else {
                    throw GatewayError.invalidRequest("messages[\(index)]: the arguments of tool call '\(id)' are not a JSON object.", param: "messages")
                }
                return GeminiWire.Part(thoughtSignature: GeminiToolCallID.signature(in: id), functionCall: .init(name: name, args: args))
            }
        }
    }

    /// A message's `content` (a string or an array of typed parts) as Gemini parts.
    static func parts(_ content: JSONValue?, at index: Int) throws -> [GeminiWire.Part] {
        switch content {
        case nil, .null?: return []
        case .string(let text)?: return text.isEmpty ? [] : [.init(text: text)]
        case .array(let items)?: return try items.compactMap { try part($0, at: index) }
        default: throw GatewayError.invalidRequest("messages[\(index)].content must be a string or an array.", param: "messages")
        }
    }

    private static func part(_ item: JSONValue, at index: Int) throws -> GeminiWire.Part? {
        switch item["type"]?.stringValue {
        case "text":
            return item["text"]?.stringValue.map { .init(text: $0) }
        case "refusal":
            return nil
        case "image_url":
            let url = item["image_url"]?["url"]?.stringValue ?? item["image_url"]?.stringValue ?? ""
            return try media(url: url, at: index)
        case "input_audio":
            guard let data = item["input_audio"]?["data"]?.stringValue else { return nil }
            let format = item["input_audio"]?["format"]?.stringValue ?? "wav"
            return .init(inlineData: .init(mimeType: "audio/\(format == "mp3" ? "mpeg" : format)", data: data))
        case "file":
            guard let url = item["file"]?["file_data"]?.stringValue else {
                throw GatewayError.invalidRequest("messages[\(index)]: only inline file parts (file_data) are supported by Gemini.", param: "messages")
            }
            return try media(url: url, at: index)
        default:
            throw GatewayError.invalidRequest("messages[\(index)]: unsupported content part type '\(item["type"]?.stringValue ?? "")'.", param: "messages")
        }
    }

    /// `data:<mime>;base64,<bytes>` → inline data; an http(s) URL → file data Gemini fetches.
    private static func media(url: String, at index: Int) throws -> GeminiWire.Part {
        if url.hasPrefix("data:"), let comma = url.firstIndex(of: ",") {
            let header = url[url.index(url.startIndex, offsetBy: 5)..<comma]
            guard header.hasSuffix(";base64") else {
                throw GatewayError.invalidRequest("messages[\(index)]: data URLs must be base64-encoded.", param: "messages")
            }
            let mime = header.dropLast(";base64".count)
            return .init(inlineData: .init(mimeType: mime.isEmpty ? "application/octet-stream" : String(mime), data: String(url[url.index(after: comma)...])))
        }
        if url.hasPrefix("https://") || url.hasPrefix("http://") || url.hasPrefix("gs://") {
            return .init(fileData: .init(mimeType: mimeType(ofURL: url), fileUri: url))
        }
        throw GatewayError.invalidRequest("messages[\(index)]: image URLs must be data: or http(s) URLs.", param: "messages")
    }

    /// The MIME type from a URL's extension, when it is a common one (Gemini may need it).
    static func mimeType(ofURL url: String) -> String? {
        let path = url.split(separator: "?").first.map(String.init) ?? url
        switch path.split(separator: ".").last?.lowercased() {
        case "jpg", "jpeg": return "image/jpeg"
        case "png": return "image/png"
        case "webp": return "image/webp"
        case "gif": return "image/gif"
        case "heic": return "image/heic"
        case "pdf": return "application/pdf"
        case "mp3": return "audio/mpeg"
        case "wav": return "audio/wav"
        case "mp4": return "video/mp4"
        default: return nil
        }
    }

    /// A tool message's text; a JSON object or array is passed as structured JSON, anything else
    /// as the string.
    static func toolResult(_ content: JSONValue?) -> JSONValue {
        let text: String
        switch content {
        case .string(let string)?: text = string
        case .array(let items)?: text = items.compactMap { $0["text"]?.stringValue }.joined()
        default: text = ""
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("["), let parsed = try? JSONDecoder().decode(JSONValue.self, from: Data(trimmed.utf8)) {
            return parsed
        }
        return .string(text)
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

/// JSON Schema (as OpenAI tools carry it) → the OpenAPI-style subset Gemini's `Schema` accepts.
/// Gemini answers 400 INVALID_ARGUMENT for keywords it does not know, so these are removed at every
/// depth: `additionalProperties`, `$schema`, `$id`, `$comment` and `strict` (Pydantic and zod emit
/// them by default). `"type": ["string", "null"]` becomes `"type": "string", "nullable": true`.
/// Property names under `properties` are kept whatever they are; literal values (`enum`, `default`,
/// `example`) are not walked. `anyOf` with a `null` variant becomes `nullable` too. Anything else
/// Gemini does not support (`$ref`/`$defs`, `oneOf`, ...) is passed on and Gemini's error relayed.
enum GeminiSchema {
    static let rejectedKeys: Set<String> = ["additionalProperties", "$schema", "$id", "$comment", "strict"]
    static let literalKeys: Set<String> = ["enum", "default", "example", "examples", "const"]

    static func sanitized(_ schema: JSONValue) -> JSONValue {
        switch schema {
        case .array(let items):
            return .array(items.map(sanitized))
        case .object(let fields):
            var result: [String: JSONValue] = [:]
            for (key, value) in fields where !rejectedKeys.contains(key) {
                switch key {
                case "properties":
                    if case .object(let properties) = value {
                        result[key] = .object(properties.mapValues(sanitized))
                    } else {
                        result[key] = value
                    }
                case "type":
                    if case .array(let types) = value {
                        let named = types.filter { $0 != .string("null") }
                        if named.count < types.count { result["nullable"] = .bool(true) }
                        result[key] = named.count == 1 ? named[0] : .array(named)
                    } else {
                        result[key] = value
                    }
                case _ where literalKeys.contains(key):
                    result[key] = value
                default:
                    result[key] = sanitized(value)
                }
            }
            return collapsingNullVariant(result)
        default:
            return schema
        }
    }

    /// `{"anyOf": [X, {"type": "null"}]}` (how Pydantic writes `Optional[X]`) → X with
    /// `"nullable": true`, since Gemini has no `null` type; the outer fields (description, title,
    /// default) win over X's.
    private static func collapsingNullVariant(_ fields: [String: JSONValue]) -> JSONValue {
        guard case .array(let variants)? = fields["anyOf"] else { return .object(fields) }
        let named = variants.filter { $0["type"] != .string("null") }
        guard named.count < variants.count else { return .object(fields) }
        var result = fields
        result["nullable"] = .bool(true)
        if named.count == 1, case .object(let only) = named[0] {
            result["anyOf"] = nil
            result.merge(only) { outer, _ in outer }
        } else {
            result["anyOf"] = .array(named)
        }
        return .object(result)
    }

    /// A function's parameters for Gemini, or nil for a function without any: Gemini rejects an
    /// `OBJECT` schema whose `properties` is empty.
    static func parameters(_ schema: JSONValue) -> JSONValue? {
        let clean = sanitized(schema)
        guard case .object(let fields) = clean else { return nil }
        if fields["type"]?.stringValue == "object" {
            guard case .object(let properties)? = fields["properties"], !properties.isEmpty else { return nil }
        }
        return clean
    }
}

// MARK: - Embeddings

extension GeminiRequestMapping {
    /// An OpenAI embeddings request (`input` a string or an array of strings; `dimensions`) as a
    /// `batchEmbedContents` request, one item per input, for `resource` (`models/<model>`).
    /// Token-array inputs have no Gemini form; `encoding_format` and `user` are dropped.
    static func embedRequest(fromOpenAI body: Data, resource: String) throws -> GeminiWire.BatchEmbedRequest {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body), case .object(let root) = json else {
            throw GatewayError.invalidRequest("The request body is not a JSON object.")
        }
        let texts: [String]
        switch root["input"] {
        case .string(let text)?: texts = [text]
        case .array(let items)? where !items.isEmpty && items.allSatisfy({ $0.stringValue != nil }):
            texts = items.compactMap(\.stringValue)
        default:
            throw GatewayError.invalidRequest("'input' must be a string or a non-empty array of strings for Gemini embeddings.", param: "input")
        }
        let dimensions = number(root["dimensions"]).flatMap { Int(exactly: $0.rounded()) }
        return GeminiWire.BatchEmbedRequest(requests: texts.map {
            GeminiWire.EmbedRequest(model: resource, content: .init(role: nil, parts: [.init(text: $0)]), outputDimensionality: dimensions)
        })
    }
}
