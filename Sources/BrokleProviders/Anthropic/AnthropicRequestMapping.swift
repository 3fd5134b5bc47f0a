import BrokleCore
import Foundation

/// An OpenAI Chat Completions request turned into an Anthropic Messages request.
///
/// Mapped: system/developer messages → `system`; user text and images (data: URLs → base64
/// source, http(s) → url source); assistant text and `tool_calls` → `tool_use` blocks; runs of
/// `tool` messages → one user message of `tool_result` blocks; `tools`, `tool_choice`,
/// `parallel_tool_calls: false`; `max_completion_tokens`/`max_tokens` (Anthropic requires one:
/// 4096 when the caller gave none); `temperature`, `top_p`, `stop`, `stream`, `user` →
/// `metadata.user_id`; `reasoning_effort` → a thinking budget (``AnthropicThinking``), and an
/// assistant turn's `reasoning_content` with an Anthropic `reasoning_signature` → its thinking block.
///
/// Dropped, having no Anthropic equivalent: `n`, `presence_penalty`, `frequency_penalty`,
/// `logit_bias`, `logprobs`, `top_logprobs`, `seed`, `response_format`, `stream_options` (Anthropic
/// always reports usage), `service_tier`, `store`, OpenAI `metadata`,
/// `modalities`, `audio`, `prediction`, non-function tools, and empty assistant turns.
/// Rejected (400), because silently dropping them would change what the model sees: audio and
/// file content parts, and images that are neither data: nor http(s) URLs.
enum AnthropicRequestMapping {
    static let defaultMaxTokens = 4096

    static func body(fromChat bytes: [UInt8], model: String, stream: Bool) throws(GatewayError) -> [UInt8] {
        AnthropicWire.encode(try request(fromChat: bytes, model: model, stream: stream))
    }

    static func request(fromChat bytes: [UInt8], model: String, stream: Bool) throws(GatewayError) -> AnthropicWire.Request {
        guard let chat = AnthropicWire.object(AnthropicWire.json(bytes)) else {
            throw .invalidRequest("The request body is not a valid JSON object.")
        }
        guard let messages = AnthropicWire.array(chat["messages"]) else {
            throw .invalidRequest("'messages' is required and must be an array.", param: "messages")
        }
        var request = AnthropicWire.Request(model: model)
        let (system, turns) = try conversation(messages)
        if system.count == 1 {
            request.system = .text(system[0])
        } else if !system.isEmpty {
            request.system = .blocks(system.map { .text($0) })
        }
        request.messages = turns
        let maxTokens = chat["max_completion_tokens"]?.intValue ?? chat["max_tokens"]?.intValue
        request.maxTokens = maxTokens ?? defaultMaxTokens
        request.temperature = AnthropicWire.number(chat["temperature"])
        request.topP = AnthropicWire.number(chat["top_p"])
        switch chat["stop"] {
        case .string(let stop): request.stopSequences = [stop]
        case .array(let stops): request.stopSequences = stops.compactMap(\.stringValue)
        default: break
        }
        if stream { request.stream = true }
        request.tools = tools(chat["tools"])
        if request.tools != nil {
            request.toolChoice = toolChoice(chat["tool_choice"], parallel: chat["parallel_tool_calls"]?.boolValue)
        }
        if let user = chat["user"]?.stringValue { request.metadata = .init(userID: user) }
        if let effort = chat["reasoning_effort"]?.stringValue, let budget = AnthropicThinking.budget(effort: effort),
            !forcesTool(request.toolChoice)
        {
            // Anthropic's thinking counts inside max_tokens and needs room beside it; it takes no
            // temperature but 1 and no top_p below 0.95, so those are left to their defaults.
            request.thinking = .object(["type": .string("enabled"), "budget_tokens": .int(budget)])
            if let limit = request.maxTokens, limit <= budget { request.maxTokens = budget + limit }
            request.temperature = nil
            request.topP = nil
        }
        return request
    }

    /// Whether `choice` makes the model call a tool: Anthropic refuses thinking with it, so a
    /// forced tool call goes without thinking.
    private static func forcesTool(_ choice: AnthropicWire.ToolChoice?) -> Bool {
        choice?.type == "any" || choice?.type == "tool"
    }

    /// The system prompts and the turns, in order.
    private static func conversation(_ messages: [JSONValue]) throws(GatewayError) -> ([String], [AnthropicWire.Message]) {
        var system: [String] = []
        var turns: [AnthropicWire.Message] = []
        var lastWasTool = false
        for (index, value) in messages.enumerated() {
            guard let message = AnthropicWire.object(value), let role = message["role"]?.stringValue else {
                throw .invalidRequest("messages[\(index)] must be an object with a 'role'.", param: "messages[\(index)].role")
            }
            let isTool = role == "tool"
            defer { lastWasTool = isTool }
            switch role {
            case "system", "developer":
                let text = try texts(message["content"], at: index).joined(separator: "\n")
                if !text.isEmpty { system.append(text) }
            case "user":
                turns.append(.init(role: "user", content: try userContent(message["content"], at: index)))
            case "assistant":
                if let content = try assistantContent(message, at: index) { turns.append(.init(role: "assistant", content: content)) }
            case "tool":
                let result = AnthropicWire.ContentBlock.toolResult(
                    toolUseID: message["tool_call_id"]?.stringValue ?? "", content: try toolResultContent(message["content"], at: index),
                    isError: nil
                )
                if lastWasTool, let last = turns.popLast() {
                    turns.append(.init(role: "user", content: .blocks(last.content.blocks + [result])))
                } else {
                    turns.append(.init(role: "user", content: .blocks([result])))
                }
            default:
                throw .invalidRequest(
                    "The role '\(role)' of messages[\(index)] is not supported by Anthropic models.", param: "messages[\(index)].role")
            }
        }
        return (system, turns)
    }

    /// The text of a string or an array of text parts.
    private static func texts(_ content: JSONValue?, at index: Int) throws(GatewayError) -> [String] {
        switch content {
        case .string(let text): return [text]
        case .array(let parts):
            return try parts.map { part throws(GatewayError) in
                guard let part = AnthropicWire.object(part), part["type"]?.stringValue == "text", let text = part["text"]?.stringValue
                else {
                    throw .invalidRequest("Only text parts are allowed in messages[\(index)].", param: "messages[\(index)].content")
                }
                return text
            }
        case .null, nil: return []
        default:
            throw .invalidRequest("messages[\(index)].content must be a string or an array of parts.", param: "messages[\(index)].content")
        }
    }

    private static func userContent(_ content: JSONValue?, at index: Int) throws(GatewayError) -> AnthropicWire.Content {
        guard case .array(let parts) = content else { return .text(try texts(content, at: index).joined()) }
        var blocks: [AnthropicWire.ContentBlock] = []
        for part in parts {
            let part = AnthropicWire.object(part) ?? [:]
            switch part["type"]?.stringValue {
            case "text": blocks.append(.text(part["text"]?.stringValue ?? ""))
            case "image_url":
                let url = AnthropicWire.object(part["image_url"])?["url"]?.stringValue ?? part["image_url"]?.stringValue ?? ""
                blocks.append(.image(try imageSource(url, at: index)))
            default:
                let type = part["type"]?.stringValue ?? "?"
                throw .invalidRequest(
                    "Content parts of type '\(type)' are not supported by Anthropic models.", param: "messages[\(index)].content")
            }
        }
        return .blocks(blocks)
    }

    /// `data:<media type>;base64,<data>` becomes a base64 source, an http(s) URL a url source.
    static func imageSource(_ url: String, at index: Int) throws(GatewayError) -> AnthropicWire.ImageSource {
        if url.hasPrefix("http://") || url.hasPrefix("https://") { return .init(type: "url", url: url) }
        if url.hasPrefix("data:"), let comma = url.firstIndex(of: ",") {
            let header = url[url.index(url.startIndex, offsetBy: 5)..<comma]
            let parts = header.split(separator: ";")
            if parts.count == 2, parts[1] == "base64" {
                return .init(type: "base64", mediaType: String(parts[0]), data: String(url[url.index(after: comma)...]))
            }
        }
        throw .invalidRequest("Images must be base64 data: URLs or http(s) URLs.", param: "messages[\(index)].content")
    }

    private static func assistantContent(_ message: [String: JSONValue], at index: Int) throws(GatewayError) -> AnthropicWire.Content? {
        let text = try texts(message["content"], at: index).joined()
        let calls = AnthropicWire.array(message["tool_calls"]) ?? []
        var blocks: [AnthropicWire.ContentBlock] = []
        if let signature = AnthropicThinking.signature(fromChat: message["reasoning_signature"]?.stringValue),
            let thinking = message["reasoning_content"]?.stringValue
        {
            blocks.append(.thinking(thinking, signature: signature))
        }
        if calls.isEmpty && blocks.isEmpty { return text.isEmpty ? nil : .text(text) }
        if !text.isEmpty { blocks.append(.text(text)) }
        for call in calls {
            let call = AnthropicWire.object(call) ?? [:]
            let function = AnthropicWire.object(call["function"]) ?? [:]
            blocks.append(
                .toolUse(
                    id: call["id"]?.stringValue ?? "", name: function["name"]?.stringValue ?? "",
                    input: AnthropicWire.toolInput(function["arguments"]?.stringValue ?? "")
                ))
        }
        return .blocks(blocks)
    }

    private static func toolResultContent(_ content: JSONValue?, at index: Int) throws(GatewayError) -> AnthropicWire.Content {
        if case .array = content { return .blocks(try texts(content, at: index).map { .text($0) }) }
        return .text(try texts(content, at: index).joined())
    }

    private static func tools(_ value: JSONValue?) -> [AnthropicWire.Tool]? {
        let tools = (AnthropicWire.array(value) ?? []).compactMap { tool -> AnthropicWire.Tool? in
            guard let tool = AnthropicWire.object(tool), tool["type"]?.stringValue == "function",
                let function = AnthropicWire.object(tool["function"]), let name = function["name"]?.stringValue
            else { return nil }
            let schema = function["parameters"] ?? .object(["type": .string("object"), "properties": .object([:])])
            return AnthropicWire.Tool(name: name, description: function["description"]?.stringValue, inputSchema: schema)
        }
        return tools.isEmpty ? nil : tools
    }

    /// "auto" → auto, "required" → any, "none" → none, a named function → tool; `parallel_tool_calls:
    /// false` → `disable_parallel_tool_use` (which "none" does not take).
    private static func toolChoice(_ value: JSONValue?, parallel: Bool?) -> AnthropicWire.ToolChoice? {
        var choice: AnthropicWire.ToolChoice?
        switch value {
        case .string("auto"): choice = .init(type: "auto")
        case .string("required"): choice = .init(type: "any")
        case .string("none"): return .init(type: "none")
        case .object(let object):
            if let name = AnthropicWire.object(object["function"])?["name"]?.stringValue { choice = .init(type: "tool", name: name) }
        default: break
        }
        if parallel == false {
            choice = choice ?? .init(type: "auto")
            choice?.disableParallelToolUse = true
        }
        return choice
    }
}
