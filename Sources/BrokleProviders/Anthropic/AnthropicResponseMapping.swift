import BrokleCore
import Foundation

/// An Anthropic message turned into an OpenAI `chat.completion`, and an Anthropic error body into
/// an OpenAI one.
enum AnthropicResponseMapping {
    static func chatCompletion(from bytes: some Collection<UInt8>, created: Int, provider: String) throws(GatewayError) -> [UInt8] {
        guard let message = try? AnthropicWire.decoder.decode(AnthropicWire.Response.self, fromUntrusted: bytes) else {
            throw .upstreamBadResponse("The provider '\(provider)' answered with a message Brokle could not read.")
        }
        return AnthropicWire.encode(chatCompletion(message, created: created))
    }

    static func chatCompletion(_ message: AnthropicWire.Response, created: Int) -> JSONValue {
        // Thinking blocks become `reasoning_content` (and `reasoning_signature`), as AnthropicThinking says.
        let texts = message.content.compactMap(\.text)
        var reply: [String: JSONValue] = ["role": .string("assistant"), "content": texts.isEmpty ? .null : .string(texts.joined())]
        reply.merge(AnthropicThinking.chatFields(message.content)) { $1 }
        let calls = message.content.compactMap { block -> JSONValue? in
            guard case .toolUse(let id, let name, let input) = block else { return nil }
            let arguments = String(decoding: AnthropicWire.encode(input), as: UTF8.self)
            return toolCall(id: id, name: name, arguments: arguments)
        }
        if !calls.isEmpty { reply["tool_calls"] = .array(calls) }
        let choice: JSONValue = .object([
            "index": .int(0), "message": .object(reply), "logprobs": .null,
            "finish_reason": .string(finishReason(message.stopReason)),
        ])
        return .object([
            "id": .string(message.id), "object": .string("chat.completion"), "created": .int(created),
            "model": .string(message.model), "choices": .array([choice]), "usage": usage(message.usage ?? .init()),
        ])
    }

    static func toolCall(id: String, name: String, arguments: String) -> JSONValue {
        .object([
            "id": .string(id), "type": .string("function"), "function": .object(["name": .string(name), "arguments": .string(arguments)]),
        ])
    }

    /// end_turn, stop_sequence, pause_turn → stop; max_tokens → length; tool_use → tool_calls;
    /// refusal → content_filter.
    static func finishReason(_ stopReason: String?) -> String {
        switch stopReason {
        case "max_tokens", "model_context_window_exceeded": "length"
        case "tool_use": "tool_calls"
        case "refusal": "content_filter"
        default: "stop"
        }
    }

    /// OpenAI counts cached and cache-written tokens inside `prompt_tokens`; Anthropic reports
    /// them beside `input_tokens`. Cache writes also go out as `cache_creation_input_tokens`, which
    /// Brokle prices apart.
    static func usage(_ usage: AnthropicWire.Usage) -> JSONValue {
        let tokens = usage.neutral
        var fields: [String: JSONValue] = [
            "prompt_tokens": .int(tokens.input), "completion_tokens": .int(tokens.output),
            "total_tokens": .int(tokens.input + tokens.output),
            "prompt_tokens_details": .object(["cached_tokens": .int(tokens.cachedInput)]),
        ]
        if let write = usage.cacheCreationInputTokens { fields["cache_creation_input_tokens"] = .int(write) }
        return .object(fields)
    }

    /// `{"type":"error","error":{"type","message"}}` (or anything else) as the OpenAI error body,
    /// keeping Anthropic's message and type; the provider's secrets are scrubbed from the message.
    static func errorBody(status: Int, body: some Collection<UInt8>, provider: String, secrets: [String]) -> [UInt8] {
        let detail = (try? AnthropicWire.decoder.decode(AnthropicWire.ErrorBody.self, fromUntrusted: body))?.error
        var message = detail?.message ?? "The provider '\(provider)' answered with status \(status)."
        for secret in secrets where !secret.isEmpty { message = message.replacingOccurrences(of: secret, with: "***") }
        let type = detail?.type ?? (status >= 500 ? "api_error" : "invalid_request_error")
        return AnthropicWire.encode(
            JSONValue.object([
                "error": .object(["message": .string(message), "type": .string(type), "param": .null, "code": .null])
            ]))
    }
}
