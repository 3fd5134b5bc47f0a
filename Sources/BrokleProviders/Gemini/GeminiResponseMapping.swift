import BrokleCore
import Foundation

/// Gemini answers → OpenAI shapes: a `generateContent` response → `chat.completion`, an error body →
/// `{"error":{...}}`, a `batchEmbedContents` response → an embedding list. The pieces (finish
/// reasons, usage, tool calls) are shared with ``GeminiStreamMapping``.
enum GeminiResponseMapping {
    /// The `chat.completion` body for a Gemini response. Thought parts are reasoning and are left out
    /// of `content` (their tokens are counted in `reasoning_tokens`).
    static func chatCompletion(_ response: GeminiWire.Response, fallbackID: String, model: String, created: Int) -> JSONValue {
        var choices: [JSONValue] = []
        var callNumber = 0
        for (position, candidate) in (response.candidates ?? []).enumerated() {
            let parts = candidate.content?.parts ?? []
            let texts = parts.filter { $0.thought != true }.compactMap(\.text)
            var toolCalls: [JSONValue] = []
            for part in parts {
                guard let call = part.functionCall else { continue }
                toolCalls.append(toolCall(call, signature: part.thoughtSignature, number: callNumber))
                callNumber += 1
            }
            var message: [String: JSONValue] = ["role": .string("assistant"), "content": texts.isEmpty ? .null : .string(texts.joined())]
            if !toolCalls.isEmpty { message["tool_calls"] = .array(toolCalls) }
            choices.append(
                .object([
                    "index": .int(candidate.index ?? position),
                    "message": .object(message),
                    "finish_reason": finishReason(candidate.finishReason, hasToolCalls: !toolCalls.isEmpty),
                ]))
        }
        if choices.isEmpty, response.promptFeedback?.blockReason != nil {
            // The prompt was blocked: no candidates at all.
            choices.append(
                .object([
                    "index": .int(0), "message": .object(["role": .string("assistant"), "content": .null]),
                    "finish_reason": .string("content_filter"),
                ]))
        }
        return .object([
            "id": .string(completionID(response, fallback: fallbackID)),
            "object": .string("chat.completion"),
            "created": .int(created),
            "model": .string(response.modelVersion ?? model),
            "choices": .array(choices),
            "usage": usage(response.usageMetadata),
        ])
    }

    /// Decodes a `generateContent` body and returns the `chat.completion` bytes.
    static func body(fromGemini data: Data, fallbackID: String, model: String, created: Int) throws -> Data {
        let response = try JSONDecoder().decode(GeminiWire.Response.self, fromUntrusted: data)
        return try GeminiWire.encoder.encode(chatCompletion(response, fallbackID: fallbackID, model: model, created: created))
    }

    static func completionID(_ response: GeminiWire.Response, fallback: String) -> String {
        "chatcmpl-" + (response.responseId ?? fallback)
    }

    /// STOP → stop (tool_calls when the turn called functions), MAX_TOKENS → length, the blocking
    /// reasons → content_filter, anything else (OTHER, LANGUAGE, MALFORMED_FUNCTION_CALL, ...) → stop.
    static func finishReason(_ reason: String?, hasToolCalls: Bool) -> JSONValue {
        switch reason {
        case nil: .null
        case "MAX_TOKENS": .string("length")
        case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY": .string("content_filter")
        default: .string(hasToolCalls ? "tool_calls" : "stop")
        }
    }

    /// OpenAI usage. Gemini counts thoughts apart from the answer while OpenAI bills reasoning as
    /// completion tokens, so completion = candidates + thoughts. `promptTokenCount` already includes
    /// the cached tokens, as `prompt_tokens` does. (`toolUsePromptTokenCount` only appears with
    /// Gemini's built-in tools, which this adapter never sends.)
    static func usage(_ metadata: GeminiWire.UsageMetadata?) -> JSONValue {
        let prompt = metadata?.promptTokenCount ?? 0
        let thoughts = metadata?.thoughtsTokenCount ?? 0
        let completion = (metadata?.candidatesTokenCount ?? 0) + thoughts
        return .object([
            "prompt_tokens": .int(prompt),
            "completion_tokens": .int(completion),
            "total_tokens": .int(metadata?.totalTokenCount ?? prompt + completion),
            "prompt_tokens_details": .object(["cached_tokens": .int(metadata?.cachedContentTokenCount ?? 0)]),
            "completion_tokens_details": .object(["reasoning_tokens": .int(thoughts)]),
        ])
    }

    /// An OpenAI tool call for a Gemini function call; arguments are the compact JSON of `args`.
    static func toolCall(_ call: GeminiWire.FunctionCall, signature: String?, number: Int) -> JSONValue {
        let arguments = (try? GeminiWire.encoder.encode(call.args ?? .object([:]))).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return .object([
            "id": .string(GeminiToolCallID.make(number: number, signature: signature)),
            "type": .string("function"),
            "function": .object(["name": .string(call.name), "arguments": .string(arguments)]),
        ])
    }
}

// MARK: - Errors

extension GeminiResponseMapping {
    /// A Gemini error body (`{"error":{"code","message","status"}}`, or a one-element array of it) in
    /// OpenAI's shape, with the HTTP status to answer. The message is kept (secrets scrubbed); the
    /// type comes from Gemini's status; `code` is that status string. An invalid API key is 400
    /// INVALID_ARGUMENT at Gemini, answered as 401 authentication_error so SDKs raise their
    /// authentication exception.
    static func error(status: Int, body: Data, secrets: [String]) -> (status: Int, body: Data) {
        let parsed =
            (try? JSONDecoder().decode(GeminiWire.ErrorBody.self, fromUntrusted: body))
            ?? (try? JSONDecoder().decode([GeminiWire.ErrorBody].self, fromUntrusted: body))?.first
        let detail = parsed?.error
        var message = detail?.message ?? "The provider answered with status \(status)."
        for secret in secrets where !secret.isEmpty { message = message.replacingOccurrences(of: secret, with: "***") }
        var httpStatus = status
        let type: String
        if detail?.details?.contains(where: { $0.reason == "API_KEY_INVALID" }) == true {
            type = "authentication_error"
            httpStatus = 401
        } else {
            type = errorType(googleStatus: detail?.status, httpStatus: status)
        }
        let object: JSONValue = .object([
            "error": .object([
                "message": .string(message), "type": .string(type),
                "code": detail?.status.map(JSONValue.string) ?? .null, "param": .null,
            ])
        ])
        return (httpStatus, (try? GeminiWire.encoder.encode(object)) ?? Data())
    }

    /// The wait Gemini asks for in a quota error (`RetryInfo.retryDelay`), in seconds.
    static func retryDelay(body: Data) -> Double? {
        let parsed =
            (try? JSONDecoder().decode(GeminiWire.ErrorBody.self, fromUntrusted: body))
            ?? (try? JSONDecoder().decode([GeminiWire.ErrorBody].self, fromUntrusted: body))?.first
        guard let text = parsed?.error?.details?.compactMap(\.retryDelay).first, text.hasSuffix("s"),
            let seconds = Double(text.dropLast()), seconds >= 0, seconds.isFinite
        else { return nil }
        return seconds
    }

    static func errorType(googleStatus: String?, httpStatus: Int) -> String {
        switch googleStatus {
        case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE", "NOT_FOUND": return "invalid_request_error"
        case "PERMISSION_DENIED", "UNAUTHENTICATED": return "authentication_error"
        case "RESOURCE_EXHAUSTED": return "rate_limit_error"
        case nil:
            switch httpStatus {
            case 401, 403: return "authentication_error"
            case 429: return "rate_limit_error"
            case 400..<500: return "invalid_request_error"
            default: return "api_error"
            }
        default: return "api_error"
        }
    }
}

// MARK: - Embeddings

extension GeminiResponseMapping {
    /// A `batchEmbedContents` response as an OpenAI embedding list. Gemini's batch embedding answer
    /// reports no token counts, so `usage` is zero: the gateway cannot price these calls exactly.
    static func embeddingList(fromGemini data: Data, model: String) throws -> Data {
        let response = try JSONDecoder().decode(GeminiWire.BatchEmbedResponse.self, fromUntrusted: data)
        let items: [JSONValue] = (response.embeddings ?? []).enumerated().map { index, embedding in
            .object(["object": .string("embedding"), "index": .int(index), "embedding": .array(embedding.values.map(JSONValue.double))])
        }
        let list: JSONValue = .object([
            "object": .string("list"), "data": .array(items), "model": .string(model),
            "usage": .object(["prompt_tokens": .int(0), "total_tokens": .int(0)]),
        ])
        return try GeminiWire.encoder.encode(list)
    }
}

// MARK: - Tool call ids

/// The ids given to Gemini function calls: `call_<n>`, or `call_<n>_sig_<signature>` when Gemini
/// attached a thought signature. Gemini 3 rejects a later request whose function calls lack the
/// signature they came with, and OpenAI clients send tool call ids back verbatim, so the id is
/// where the signature survives the round trip. The signature is written base64url without
/// padding so the id stays within `[A-Za-z0-9_-]`.
enum GeminiToolCallID {
    static let marker = "_sig_"

    static func make(number: Int, signature: String?) -> String {
        guard let signature, !signature.isEmpty else { return "call_\(number)" }
        let url = signature.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "call_\(number)\(marker)\(url)"
    }

    /// The thought signature carried by an id this adapter made (standard base64), or nil.
    static func signature(in id: String) -> String? {
        guard id.hasPrefix("call_"), let range = id.range(of: marker) else { return nil }
        var base64 = String(id[range.upperBound...]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard !base64.isEmpty else { return nil }
        while base64.count % 4 != 0 { base64 += "=" }
        return base64
    }
}
