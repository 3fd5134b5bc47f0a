import BrokleCore

/// A Responses `response` object as a `chat.completion`, and the pieces the stream translation
/// shares with it (finish reason, usage, failure).
extension ResponsesOutbound {
    /// What a whole 2xx answer becomes: a chat completion, or, for a `failed` response, the error
    /// it reports (its status and an OpenAI error body), so retries and fallbacks treat it as any
    /// other failed call.
    enum Answer: Equatable {
        case completion([UInt8])
        case failure(status: Int, body: [UInt8])
    }

    static func answer(fromResponse bytes: some Collection<UInt8>, created: Int, model: String, provider: String) throws(GatewayError)
        -> Answer
    {
        guard let response = ResponsesJSON.object(ResponsesJSON.json(bytes)) else {
            throw .upstreamBadResponse("The provider '\(provider)' answered with a response Brokle could not read.")
        }
        switch response["status"]?.stringValue {
        case "failed":
            let failure = Failure(response["error"])
            return .failure(status: failure.status, body: failure.body)
        case "completed", "incomplete", nil:
            return .completion(ResponsesJSON.encode(chatCompletion(response, created: created, model: model)))
        case let status?:
            throw .upstreamBadResponse("The provider '\(provider)' answered with a response still '\(status)'.")
        }
    }

    static func chatCompletion(_ response: [String: JSONValue], created: Int, model: String) -> JSONValue {
        var texts: [String] = []
        var refusals: [String] = []
        var reasoning: [String] = []
        var calls: [JSONValue] = []
        for item in ResponsesJSON.array(response["output"]) ?? [] {
            let item = ResponsesJSON.object(item) ?? [:]
            switch item["type"]?.stringValue {
            case "message":
                for part in ResponsesJSON.array(item["content"]) ?? [] {
                    let part = ResponsesJSON.object(part) ?? [:]
                    switch part["type"]?.stringValue {
                    case "output_text": texts.append(part["text"]?.stringValue ?? "")
                    case "refusal": refusals.append(part["refusal"]?.stringValue ?? "")
                    default: break
                    }
                }
            case "function_call":
                calls.append(
                    toolCall(
                        id: item["call_id"]?.stringValue ?? "", name: item["name"]?.stringValue ?? "",
                        arguments: item["arguments"]?.stringValue ?? ""))
            case "reasoning":
                reasoning += reasoningTexts(item)
            default:
                // Hosted tools' items (web search, ...) have no chat form; only their text is kept.
                break
            }
        }
        var message: [String: JSONValue] = [
            "role": .string("assistant"), "content": texts.isEmpty ? .null : .string(texts.joined()),
            "refusal": refusals.isEmpty ? .null : .string(refusals.joined()),
        ]
        if !calls.isEmpty { message["tool_calls"] = .array(calls) }
        if !reasoning.isEmpty { message["reasoning_content"] = .string(reasoning.joined(separator: "\n\n")) }
        let choice: JSONValue = .object([
            "index": .int(0), "message": .object(message), "logprobs": .null,
            "finish_reason": .string(finishReason(response, hasToolCalls: !calls.isEmpty)),
        ])
        var completion: [String: JSONValue] = [
            "id": .string(response["id"]?.stringValue ?? ""), "object": .string("chat.completion"),
            "created": .int(response["created_at"]?.intValue ?? created), "model": .string(response["model"]?.stringValue ?? model),
            "choices": .array([choice]),
        ]
        if let usage = ResponsesJSON.object(response["usage"]) { completion["usage"] = chatUsage(usage) }
        if let tier = response["service_tier"]?.stringValue { completion["service_tier"] = .string(tier) }
        return .object(completion)
    }

    static func toolCall(id: String, name: String, arguments: String) -> JSONValue {
        .object([
            "id": .string(id), "type": .string("function"), "function": .object(["name": .string(name), "arguments": .string(arguments)]),
        ])
    }

    /// A reasoning item's text: its `reasoning_text` content, else its summary.
    static func reasoningTexts(_ item: [String: JSONValue]) -> [String] {
        let content = (ResponsesJSON.array(item["content"]) ?? []).compactMap { ResponsesJSON.object($0)?["text"]?.stringValue }
        if !content.isEmpty { return content }
        return (ResponsesJSON.array(item["summary"]) ?? []).compactMap { ResponsesJSON.object($0)?["text"]?.stringValue }
    }

    /// completed → `stop`, or `tool_calls` when the model called functions; incomplete for the
    /// token limit → `length`, for the content filter → `content_filter`.
    static func finishReason(_ response: [String: JSONValue], hasToolCalls: Bool) -> String {
        guard response["status"]?.stringValue == "incomplete" else { return hasToolCalls ? "tool_calls" : "stop" }
        switch ResponsesJSON.object(response["incomplete_details"])?["reason"]?.stringValue {
        case "content_filter": return "content_filter"
        default: return "length"
        }
    }

    /// Responses usage as chat usage. `input_tokens` include the cached ones, as `prompt_tokens`
    /// do; a server's `cache_write_tokens` become `cache_creation_input_tokens`, priced apart.
    static func chatUsage(_ usage: [String: JSONValue]) -> JSONValue {
        let input = usage["input_tokens"]?.intValue ?? 0
        let output = usage["output_tokens"]?.intValue ?? 0
        let inputDetails = ResponsesJSON.object(usage["input_tokens_details"]) ?? [:]
        let outputDetails = ResponsesJSON.object(usage["output_tokens_details"]) ?? [:]
        var fields: [String: JSONValue] = [
            "prompt_tokens": .int(input), "completion_tokens": .int(output),
            "total_tokens": .int(usage["total_tokens"]?.intValue ?? input + output),
            "prompt_tokens_details": .object(["cached_tokens": .int(inputDetails["cached_tokens"]?.intValue ?? 0)]),
            "completion_tokens_details": .object(["reasoning_tokens": .int(outputDetails["reasoning_tokens"]?.intValue ?? 0)]),
        ]
        if let written = inputDetails["cache_write_tokens"]?.intValue, written > 0 {
            fields["cache_creation_input_tokens"] = .int(written)
        }
        return .object(fields)
    }

    /// A failed response's `error` (`{"code","message"}`): a rate limit is a 429, a prompt the
    /// model refused a 400, anything else a 500, with an OpenAI error body.
    struct Failure {
        var code: String?
        var message: String

        init(_ error: JSONValue?) {
            let error = ResponsesJSON.object(error) ?? [:]
            code = error["code"]?.stringValue
            message = error["message"]?.stringValue ?? "The provider reported that the response failed."
        }

        var status: Int {
            switch code {
            case "rate_limit_exceeded": 429
            case "invalid_prompt", "invalid_image", "invalid_image_format", "image_too_large", "empty_image_file": 400
            default: 500
            }
        }

        var body: [UInt8] {
            let type = status == 429 ? "rate_limit_error" : status == 400 ? "invalid_request_error" : "api_error"
            return ResponsesJSON.encode(
                .object([
                    "error": .object([
                        "message": .string(message), "type": .string(type), "code": code.map(JSONValue.string) ?? .null, "param": .null,
                    ])
                ]))
        }
    }
}
