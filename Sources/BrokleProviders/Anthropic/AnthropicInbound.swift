import BrokleCore
import Foundation

/// The gateway's Anthropic-compatible endpoint (`POST /v1/messages`), as pure translations: an
/// Anthropic request becomes the OpenAI chat request the gateway routes, the OpenAI answer becomes
/// an Anthropic message, a gateway error becomes an Anthropic error body. Streams are translated by
/// ``AnthropicStreamEncoder``.
///
/// Dropped on the way in, having no OpenAI equivalent: `top_k`, `thinking`, `cache_control`
/// markers, `service_tier`, server tools (tools without `input_schema`), thinking blocks, document
/// blocks, images inside tool results, and `is_error` on tool results. (A provider of kind
/// `anthropic` gets the client's own body instead, keeping all of these, and its answer goes back
/// untranslated, thinking blocks included: see ``UpstreamRequest/native``.)
package enum AnthropicInbound {
    /// An Anthropic Messages request as an OpenAI chat request, with the model it names and whether
    /// it streams. A streaming request asks for the usage chunk, which the final `message_delta` needs.
    package static func chatRequest(fromMessages bytes: [UInt8]) throws(GatewayError) -> (body: [UInt8], model: String, stream: Bool) {
        let request: AnthropicWire.Request
        do {
            request = try AnthropicWire.decoder.decode(AnthropicWire.Request.self, fromUntrusted: bytes)
        } catch is JSONNesting.TooDeep {
            throw .nestedTooDeep
        } catch {
            throw .invalidRequest("The request body is not a valid Anthropic Messages request: \(Self.describe(error))")
        }
        guard let model = request.model, !model.isEmpty else { throw .invalidRequest("'model' is required.", param: "model") }
        guard let messages = request.messages else { throw .invalidRequest("'messages' is required.", param: "messages") }
        guard let maxTokens = request.maxTokens else { throw .invalidRequest("'max_tokens' is required.", param: "max_tokens") }
        let stream = request.stream ?? false

        var chat: [String: JSONValue] = ["model": .string(model), "max_tokens": .int(maxTokens)]
        var turns: [JSONValue] = []
        if let system = request.system {
            // Several system blocks become one system message: not every OpenAI-compatible server
            // takes an array there.
            turns.append(.object(["role": .string("system"), "content": .string(system.text(separator: "\n\n"))]))
        }
        for message in messages { turns += chatMessages(message) }
        chat["messages"] = .array(turns)
        if let temperature = request.temperature { chat["temperature"] = .double(temperature) }
        if let topP = request.topP { chat["top_p"] = .double(topP) }
        if let stops = request.stopSequences, !stops.isEmpty { chat["stop"] = .array(stops.map(JSONValue.string)) }
        let tools = (request.tools ?? []).compactMap { tool -> JSONValue? in
            guard let schema = tool.inputSchema else { return nil }
            var function: [String: JSONValue] = ["name": .string(tool.name), "parameters": schema]
            if let description = tool.description { function["description"] = .string(description) }
            return .object(["type": .string("function"), "function": .object(function)])
        }
        if !tools.isEmpty {
            chat["tools"] = .array(tools)
            if let choice = request.toolChoice {
                switch choice.type {
                case "any": chat["tool_choice"] = .string("required")
                case "none": chat["tool_choice"] = .string("none")
                case "tool":
                    chat["tool_choice"] = .object(["type": .string("function"), "function": .object(["name": .string(choice.name ?? "")])])
                default: chat["tool_choice"] = .string("auto")
                }
                if choice.disableParallelToolUse == true { chat["parallel_tool_calls"] = .bool(false) }
            }
        }
        if let user = request.metadata?.userID { chat["user"] = .string(user) }
        if stream {
            chat["stream"] = .bool(true)
            chat["stream_options"] = .object(["include_usage": .bool(true)])
        }
        return (AnthropicWire.encode(JSONValue.object(chat)), model, stream)
    }

    /// One Anthropic turn as OpenAI messages: tool results become `tool` messages (first, since
    /// they answer the assistant turn before), the rest one user or assistant message.
    static func chatMessages(_ message: AnthropicWire.Message) -> [JSONValue] {
        let role = message.role == "assistant" ? "assistant" : "user"
        guard case .blocks(let blocks) = message.content else {
            return [.object(["role": .string(role), "content": .string(message.content.text(separator: ""))])]
        }
        var out: [JSONValue] = []
        var parts: [JSONValue] = []
        var calls: [JSONValue] = []
        for block in blocks {
            switch block {
            case .text(let text): parts.append(.object(["type": .string("text"), "text": .string(text)]))
            case .image(let source):
                let url = source.type == "url" ? source.url ?? "" : "data:\(source.mediaType ?? "image/png");base64,\(source.data ?? "")"
                parts.append(.object(["type": .string("image_url"), "image_url": .object(["url": .string(url)])]))
            case .toolUse(let id, let name, let input):
                let arguments = String(decoding: AnthropicWire.encode(input), as: UTF8.self)
                calls.append(AnthropicResponseMapping.toolCall(id: id, name: name, arguments: arguments))
            case .toolResult(let toolUseID, let content, _):
                out.append(
                    .object([
                        "role": .string("tool"), "tool_call_id": .string(toolUseID),
                        "content": .string(content?.text(separator: "\n") ?? ""),
                    ]))
            case .thinking, .other: break
            }
        }
        if role == "assistant" {
            guard !parts.isEmpty || !calls.isEmpty else { return out }
            let text = parts.compactMap { AnthropicWire.object($0)?["text"]?.stringValue }.joined()
            var reply: [String: JSONValue] = ["role": .string("assistant"), "content": text.isEmpty ? .null : .string(text)]
            if !calls.isEmpty { reply["tool_calls"] = .array(calls) }
            out.append(.object(reply))
        } else if !parts.isEmpty {
            // A lone text block stays a plain string, which every OpenAI-compatible server takes.
            let content: JSONValue =
                parts.count == 1 && AnthropicWire.object(parts[0])?["type"] == .string("text")
                ? AnthropicWire.object(parts[0])?["text"] ?? .string("") : .array(parts)
            out.append(.object(["role": .string("user"), "content": content]))
        }
        return out
    }

    /// An OpenAI `chat.completion` as an Anthropic message, named after the model the client asked for.
    package static func message(fromChatCompletion bytes: [UInt8], requestedModel: String) -> [UInt8] {
        AnthropicWire.encode(message(AnthropicWire.object(AnthropicWire.json(bytes)) ?? [:], requestedModel: requestedModel))
    }

    static func message(_ completion: [String: JSONValue], requestedModel: String) -> AnthropicWire.Response {
        let choice = AnthropicWire.object(AnthropicWire.array(completion["choices"])?.first) ?? [:]
        let reply = AnthropicWire.object(choice["message"]) ?? [:]
        var content: [AnthropicWire.ContentBlock] = []
        if let text = reply["content"]?.stringValue, !text.isEmpty { content.append(.text(text)) }
        for call in AnthropicWire.array(reply["tool_calls"]) ?? [] {
            let call = AnthropicWire.object(call) ?? [:]
            let function = AnthropicWire.object(call["function"]) ?? [:]
            content.append(
                .toolUse(
                    id: call["id"]?.stringValue ?? "", name: function["name"]?.stringValue ?? "",
                    input: AnthropicWire.toolInput(function["arguments"]?.stringValue ?? "")
                ))
        }
        return AnthropicWire.Response(
            id: messageID(completion["id"]?.stringValue), model: requestedModel, content: content,
            stopReason: stopReason(choice["finish_reason"]?.stringValue),
            usage: usage(AnthropicWire.object(completion["usage"]) ?? [:])
        )
    }

    static func messageID(_ id: String?) -> String {
        guard let id, !id.isEmpty else { return "msg_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "") }
        return id.hasPrefix("msg_") ? id : "msg_" + id
    }

    /// stop → end_turn, length → max_tokens, tool_calls → tool_use, content_filter → refusal.
    static func stopReason(_ finishReason: String?) -> String {
        switch finishReason {
        case "length": "max_tokens"
        case "tool_calls", "function_call": "tool_use"
        case "content_filter": "refusal"
        default: "end_turn"
        }
    }

    /// OpenAI's `prompt_tokens` include cached and cache-written tokens; Anthropic's `input_tokens` do not.
    static func usage(_ usage: [String: JSONValue]) -> AnthropicWire.Usage {
        let cached = AnthropicWire.object(usage["prompt_tokens_details"])?["cached_tokens"]?.intValue ?? 0
        let written = usage["cache_creation_input_tokens"]?.intValue ?? 0
        let prompt = usage["prompt_tokens"]?.intValue ?? 0
        return AnthropicWire.Usage(
            inputTokens: max(0, prompt - cached - written), outputTokens: usage["completion_tokens"]?.intValue ?? 0,
            cacheCreationInputTokens: written, cacheReadInputTokens: cached
        )
    }

    /// `{"type":"error","error":{"type":…,"message":…}}`. The type follows the status, as Anthropic's
    /// does (SDKs pick their exception by status); an error already typed the Anthropic way keeps its type.
    package static func errorBody(_ error: GatewayError) -> [UInt8] {
        AnthropicWire.encode(AnthropicWire.ErrorBody(error: .init(type: errorType(error), message: error.message)))
    }

    static let anthropicErrorTypes: Set = [
        "invalid_request_error", "authentication_error", "permission_error", "not_found_error", "request_too_large",
        "rate_limit_error", "api_error", "overloaded_error",
    ]

    static func errorType(_ error: GatewayError) -> String {
        switch error.status {
        case 401: return "authentication_error"
        case 403: return "permission_error"
        case 404: return "not_found_error"
        case 413: return "request_too_large"
        case 429: return "rate_limit_error"
        case 503, 529: return "overloaded_error"
        default:
            if anthropicErrorTypes.contains(error.type) { return error.type }
            return error.status >= 500 ? "api_error" : "invalid_request_error"
        }
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
            return path.isEmpty ? context.debugDescription : "\(path.drop { $0 == "." }): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
