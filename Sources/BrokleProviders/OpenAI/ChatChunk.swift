import BrokleCore

/// The OpenAI `chat.completion.chunk` payloads a translating stream mapping writes (Anthropic's
/// events, a Responses-only upstream's events): one choice's delta, and the usage-only chunk.
struct ChatChunk {
    let id: String
    let created: Int
    let model: String

    /// A chunk whose one choice carries `delta` (and `finishReason` when the answer ends).
    func delta(_ delta: [String: JSONValue], finishReason: String? = nil, encode: (JSONValue) -> [UInt8]) -> String {
        let choice: JSONValue = .object([
            "index": .int(0), "delta": .object(delta), "logprobs": .null, "finish_reason": finishReason.map(JSONValue.string) ?? .null,
        ])
        return payload(["choices": .array([choice])], encode: encode)
    }

    /// The usage-only chunk (no choices), sent when the client asked for it.
    func usage(_ usage: JSONValue, encode: (JSONValue) -> [UInt8]) -> String {
        payload(["choices": .array([]), "usage": usage], encode: encode)
    }

    private func payload(_ fields: [String: JSONValue], encode: (JSONValue) -> [UInt8]) -> String {
        let head: [String: JSONValue] = [
            "id": .string(id), "object": .string("chat.completion.chunk"), "created": .int(created), "model": .string(model),
        ]
        return String(decoding: encode(.object(head.merging(fields) { $1 })), as: UTF8.self)
    }
}
