import BrokleCore

/// The fast path of ``AnthropicStreamEncoder`` for the chunk nearly every stream is made of: one
/// choice whose delta is a piece of text, while a text block is open. Its text is copied as it is
/// written (no escapes in it: the same bytes the encoder would write) into a `content_block_delta`
/// event written by hand, where the general path decodes the chunk into values and encodes the
/// event back (some 300 allocations a chunk). The bytes are the same as the general path's; any
/// other chunk takes the general path.
extension AnthropicStreamEncoder {
    /// The text of a plain text-delta chunk as written, quotes included; nil for any other chunk
    /// (usage, an error, a finish reason, tool calls, a refusal, escapes in the text, empty text).
    static func plainText(in data: String) -> ArraySlice<UInt8>? {
        let bytes = Array(data.utf8)
        guard let choices = fields(of: bytes[...], Keys.chunk)?["choices"],
            let choice = onlyElement(of: bytes[choices]),
            let delta = fields(of: choice, Keys.choice)?["delta"],
            let content = fields(of: bytes[delta], Keys.delta)?["content"]
        else { return nil }
        let text = bytes[content]
        guard text.count > 2, text.first == UInt8(ascii: "\""), !text.contains(UInt8(ascii: "\\")) else { return nil }
        return text
    }

    /// The `content_block_delta` event for block `index` with `text` (a JSON string as written),
    /// keys sorted as ``AnthropicWire/encode(_:)`` writes them.
    static func textDeltaEvent(index: Int, text: ArraySlice<UInt8>) -> [UInt8] {
        let head: StaticString = "event: content_block_delta\ndata: {\"delta\":{\"text\":"
        let middle: StaticString = ",\"type\":\"text_delta\"},\"index\":"
        let tail: StaticString = ",\"type\":\"content_block_delta\"}\n\n"
        var out: [UInt8] = []
        out.reserveCapacity(head.utf8CodeUnitCount + text.count + middle.utf8CodeUnitCount + 20 + tail.utf8CodeUnitCount)
        out.append(contentsOf: UnsafeBufferPointer(start: head.utf8Start, count: head.utf8CodeUnitCount))
        out.append(contentsOf: text)
        out.append(contentsOf: UnsafeBufferPointer(start: middle.utf8Start, count: middle.utf8CodeUnitCount))
        out.append(contentsOf: String(index).utf8)
        out.append(contentsOf: UnsafeBufferPointer(start: tail.utf8Start, count: tail.utf8CodeUnitCount))
        return out
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
