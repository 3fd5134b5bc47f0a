import BrokleCore

/// The chunk nearly every OpenAI chat stream is made of — one choice whose delta is a piece of
/// text, nothing else set — recognised by scanning, without decoding the chunk into values. The
/// stream encoders that translate chat chunks (to Anthropic events, to Responses events) write
/// such a chunk's event by hand with the text as the chunk wrote it; any other chunk takes their
/// general path.
enum ChatChunkText {
    /// The text of a plain text-delta chunk as written, quotes included; nil for any other chunk
    /// (usage, an error, a finish reason, tool calls, a refusal, reasoning, empty text, escapes or
    /// control characters in the text: text without them is written as a JSON encoder writes it).
    static func plainText(in data: String) -> ArraySlice<UInt8>? {
        let bytes = Array(data.utf8)
        guard let choices = fields(of: bytes[...], Keys.chunk)?["choices"],
            let choice = onlyElement(of: bytes[choices]),
            let delta = fields(of: choice, Keys.choice)?["delta"],
            let content = fields(of: bytes[delta], Keys.delta)?["content"]
        else { return nil }
        let text = bytes[content]
        guard text.count > 2, text.first == UInt8(ascii: "\""),
            !text.contains(where: { $0 == UInt8(ascii: "\\") || $0 < 0x20 })
        else { return nil }
        return text
    }

    /// The keys each level of a plain text chunk may have, and those that must be null there.
    private enum Keys {
        static let chunk = (
            allowed: Set(["id", "object", "created", "model", "choices", "system_fingerprint", "service_tier", "usage", "obfuscation"]),
            nullOnly: Set(["usage"])
        )
        static let choice = (allowed: Set(["index", "delta", "finish_reason", "logprobs"]), nullOnly: Set(["finish_reason"]))
        static let delta = (allowed: Set(["content", "role", "refusal"]), nullOnly: Set(["refusal"]))
    }

    /// The fields of the object `json` is (key → value range in the whole text), when every key is
    /// allowed and those that must be null are absent or null; nil otherwise, or when it is not
    /// one object.
    private static func fields(of json: ArraySlice<UInt8>, _ keys: (allowed: Set<String>, nullOnly: Set<String>)) -> [String: Range<Int>]? {
        var scanner = JSONScanner(bytes: Array(json))
        var found: [String: Range<Int>] = [:]
        var refused = false
        let offset = json.startIndex
        do {
            _ = try scanner.visitTopLevelObject { key, value in
                guard !refused, key.count >= 2, !key.contains(UInt8(ascii: "\\")) else {
                    refused = true
                    return
                }
                let name = String(decoding: key.dropFirst().dropLast(), as: UTF8.self)
                guard keys.allowed.contains(name) else {
                    refused = true
                    return
                }
                let range = (value.lowerBound + offset)..<(value.upperBound + offset)
                if keys.nullOnly.contains(name) {
                    if !json[range].elementsEqual("null".utf8) { refused = true }
                    return
                }
                found[name] = range
            }
        } catch {
            return nil
        }
        return refused ? nil : found
    }

    /// The one element of the array `json` is, when it has exactly one (an object), else nil.
    private static func onlyElement(of json: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var start = json.startIndex
        var end = json.endIndex
        while start < end, json[start] != UInt8(ascii: "[") { start += 1 }
        while end > start, json[end - 1] != UInt8(ascii: "]") { end -= 1 }
        guard start < end - 1 else { return nil }
        // What is between the brackets must be one object: `fields` refuses anything else
        // (two objects separated by a comma are not one object).
        let inner = json[(start + 1)..<(end - 1)]
        guard let first = inner.firstIndex(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
            inner[first] == UInt8(ascii: "{")
        else { return nil }
        return inner
    }
}
