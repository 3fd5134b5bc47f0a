/// The assembled Anthropic `message` written as JSON: `message_start`'s message with its members
/// in their order, but for `content` (the blocks whole), `stop_reason` and `stop_sequence` (from
/// `message_delta`) and `usage` (`message_delta`'s counts over `message_start`'s).
extension AnthropicStreamAnswer {
    static let defaultMessage = Array(#"{"type":"message","role":"assistant"}"#.utf8)
    static let defaultBlock = Array(#"{"type":"text"}"#.utf8)

    func write(into out: inout [UInt8], error: [UInt8]?) {
        (message ?? Self.defaultMessage).withUnsafeBytes { bytes in
            let json = EventJSON(bytes)
            var content = false, reason = false, sequence = false, usage = false
            var base: Range<Int>?
            out.write("{")
            json.forEachMember(of: 0..<bytes.count) { key, value in
                if json.matches(key, "content") {
                    content = true
                    out.writeKey("content")
                    writeBlocks(into: &out)
                } else if json.matches(key, "stop_reason"), let stopReason {
                    reason = true
                    out.writeKey("stop_reason")
                    out.writeString(stopReason)
                } else if json.matches(key, "stop_sequence"), let stopSequence {
                    sequence = true
                    out.writeKey("stop_sequence")
                    out.writeString(stopSequence)
                } else if json.matches(key, "usage"), self.usage != nil {
                    usage = true
                    base = value
                    out.writeKey("usage")
                    writeUsage(over: json, base, into: &out)
                } else {
                    out.writeKey(json.slice(key))
                    out.append(contentsOf: json.slice(value))
                }
            }
            if !content {
                out.writeKey("content")
                writeBlocks(into: &out)
            }
            if !reason, let stopReason {
                out.writeKey("stop_reason")
                out.writeString(stopReason)
            }
            if !sequence, let stopSequence {
                out.writeKey("stop_sequence")
                out.writeString(stopSequence)
            }
            if !usage, self.usage != nil {
                out.writeKey("usage")
                writeUsage(over: json, nil, into: &out)
            }
            if let error {
                out.writeKey("error")
                out.append(contentsOf: error)
            }
            out.write("}")
        }
    }

    /// `message_start`'s usage (`base` in `message`) with `message_delta`'s non-null counts over it.
    private func writeUsage(over message: EventJSON, _ base: Range<Int>?, into out: inout [UInt8]) {
        (usage ?? []).withUnsafeBytes { bytes in
            let delta = EventJSON(bytes)
            let whole = 0..<bytes.count
            out.write("{")
            if let base, message.isObject(base) {
                message.forEachMember(of: base) { key, value in
                    var newer: Range<Int>?
                    delta.forEachMember(of: whole) { deltaKey, deltaValue in
                        if delta.isValue(deltaValue), delta.slice(deltaKey).elementsEqual(message.slice(key)) { newer = deltaValue }
                    }
                    out.writeKey(message.slice(key))
                    out.append(contentsOf: newer.map { delta.slice($0) } ?? message.slice(value))
                }
            }
            delta.forEachMember(of: whole) { key, value in
                guard delta.isValue(value) else { return }
                var known = false
                if let base, message.isObject(base) {
                    message.forEachMember(of: base) { baseKey, _ in
                        if message.slice(baseKey).elementsEqual(delta.slice(key)) { known = true }
                    }
                }
                if !known {
                    out.writeKey(delta.slice(key))
                    out.append(contentsOf: delta.slice(value))
                }
            }
            out.write("}")
        }
    }

    private func writeBlocks(into out: inout [UInt8]) {
        out.write("[")
        for block in blocks.count > 1 ? blocks.sorted(by: { $0.index < $1.index }) : blocks {
            out.separate()
            (block.start ?? Self.defaultBlock).withUnsafeBytes { write(block, start: EventJSON($0), into: &out) }
        }
        out.write("]")
    }

    /// One block: its start with the deltas' text, thinking or tool input in place.
    private func write(_ block: Block, start json: EventJSON, into out: inout [UInt8]) {
        let whole = 0..<json.bytes.count
        var typeRange: Range<Int>?
        json.forEachMember(of: whole) { key, value in
            if json.matches(key, "type") { typeRange = json.stringContent(value) }
        }
        func isType(_ name: StaticString) -> Bool { typeRange.map { json.matches($0, name) } ?? false }
        let isText = isType("text"), isThinking = isType("thinking"), isTool = isType("tool_use") || isType("server_tool_use")
        let textOwn = isText || (!isThinking && !isTool && !block.text.isEmpty)
        let signatureOwn = isThinking && !block.signature.isEmpty
        var wroteText = false, wroteThinking = false, wroteSignature = false, wroteInput = false
        out.write("{")
        json.forEachMember(of: whole) { key, value in
            if textOwn, json.matches(key, "text") {
                wroteText = true
                out.writeKey("text")
                out.writeString(block.text)
            } else if isThinking, json.matches(key, "thinking") {
                wroteThinking = true
                out.writeKey("thinking")
                out.writeString(block.thinking)
            } else if signatureOwn, json.matches(key, "signature") {
                wroteSignature = true
                out.writeKey("signature")
                out.writeString(block.signature)
            } else if isTool, json.matches(key, "input") {
                wroteInput = true
                out.writeKey("input")
                if block.json.isEmpty { out.append(contentsOf: json.slice(value)) } else { Self.writeInput(block.json, into: &out) }
            } else {
                out.writeKey(json.slice(key))
                out.append(contentsOf: json.slice(value))
            }
        }
        if textOwn, !wroteText {
            out.writeKey("text")
            out.writeString(block.text)
        }
        if isThinking, !wroteThinking {
            out.writeKey("thinking")
            out.writeString(block.thinking)
        }
        if signatureOwn, !wroteSignature {
            out.writeKey("signature")
            out.writeString(block.signature)
        }
        if isTool, !wroteInput {
            out.writeKey("input")
            if block.json.isEmpty { out.write("{}") } else { Self.writeInput(block.json, into: &out) }
        }
        out.write("}")
    }

    /// A tool's input from its joined `partial_json` deltas: the JSON they spell, or, when they do
    /// not spell JSON (cut at the cap), the text itself as a string.
    static func writeInput(_ text: [UInt8], into out: inout [UInt8]) {
        let plain = JSONText.unescaped(text)
        let written = plain.withUnsafeBytes { bytes in
            let json = EventJSON(bytes)
            let start = json.skipWhitespace(0)
            guard let end = json.valueEnd(from: start, depth: 0), json.skipWhitespace(end) == bytes.count else { return false }
            json.writeCompact(start..<end, into: &out)
            return true
        }
        if !written { out.writeString(text) }
    }
}
