import BrokleCore
import NIOCore

/// Extended thinking across the gateway's translations. OpenAI's `reasoning_effort` asks for a
/// thinking budget; Anthropic's thinking blocks come back to chat clients as `reasoning_content`
/// (the field DeepSeek and vLLM use) with `reasoning_signature`, and an assistant turn that
/// carries both goes back to Anthropic as the thinking block it was — which Anthropic requires
/// when a tool-use turn with thinking continues. The signature is marked as Anthropic's
/// (``signaturePrefix``), so one from another provider is never sent to it, nor its to another.
enum AnthropicThinking {
    static let signaturePrefix = "anthropic:"
    private static let signatureKey = Array(#""reasoning_signature""#.utf8)

    /// The thinking budget for a `reasoning_effort`: low 1,024 tokens (Anthropic's least), medium
    /// 4,096, high 16,384; `minimal`, `none` and anything else ask for no thinking.
    static func budget(effort: String) -> Int? {
        switch effort {
        case "low": 1_024
        case "medium": 4_096
        case "high": 16_384
        default: nil
        }
    }

    /// `reasoning_signature` for a thinking block's signature.
    static func chatSignature(_ signature: String) -> String { signaturePrefix + signature }

    /// The Anthropic signature inside a `reasoning_signature`; nil when it is not Anthropic's.
    static func signature(fromChat value: String?) -> String? {
        guard let value, value.hasPrefix(signaturePrefix), value.count > signaturePrefix.count else { return nil }
        return String(value.dropFirst(signaturePrefix.count))
    }

    /// The reasoning of a message's content blocks, as chat carries it: the thinking text, and the
    /// signature when there is exactly one signed block (one signature cannot stand for several).
    static func chatFields(_ blocks: [AnthropicWire.ContentBlock]) -> [String: JSONValue] {
        let thinking = blocks.compactMap { block -> (String, String?)? in
            if case .thinking(let text, let signature) = block { (text, signature) } else { nil }
        }
        guard !thinking.isEmpty else { return [:] }
        var fields: [String: JSONValue] = ["reasoning_content": .string(thinking.map(\.0).joined(separator: "\n\n"))]
        if thinking.count == 1, let signature = thinking[0].1 { fields["reasoning_signature"] = .string(chatSignature(signature)) }
        return fields
    }

    /// A chat body without the Anthropic reasoning Brokle put into its assistant turns
    /// (`reasoning_content` with an Anthropic `reasoning_signature`), for an OpenAI-compatible
    /// upstream, which has no use for it and may refuse fields it does not know; nil when there is
    /// none (the body then goes byte for byte).
    static func withoutAnthropicReasoning(_ body: ByteBuffer) -> [UInt8]? {
        guard body.withUnsafeReadableBytes({ ByteSearch.contains(signatureKey, in: $0) }) else { return nil }
        guard case .object(var chat)? = AnthropicWire.json(body.readableBytesView), case .array(var messages)? = chat["messages"]
        else {
            return nil
        }
        var changed = false
        for index in messages.indices {
            guard case .object(var message) = messages[index],
                signature(fromChat: message["reasoning_signature"]?.stringValue) != nil
            else { continue }
            message["reasoning_signature"] = nil
            message["reasoning_content"] = nil
            messages[index] = .object(message)
            changed = true
        }
        guard changed else { return nil }
        chat["messages"] = .array(messages)
        return AnthropicWire.encode(JSONValue.object(chat))
    }
}
