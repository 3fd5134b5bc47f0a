/// Reads the few top-level fields of an OpenAI request body that the gateway needs (`model`,
/// `stream`, `stream_options`, whether `messages`/`prompt`/`input` are present) without decoding
/// the rest, and rewrites `model` and `stream_options` in place. Every other byte is passed through
/// untouched (tools, response_format, seed, logprobs, fields not invented yet).
package struct RequestInspector: Sendable {
    package let bytes: [UInt8]
    /// Byte ranges of each top-level value, by key.
    package let fields: [String: Range<Int>]
    /// Index of the object's closing brace.
    let closingBrace: Int

    package init(_ bytes: [UInt8]) throws(GatewayError) {
        self.bytes = bytes
        var scanner = JSONScanner(bytes: bytes)
        do throws(JSONScanner.Failure) {
            (fields, closingBrace) = try scanner.topLevelObject()
        } catch .tooDeep {
            throw .nestedTooDeep
        } catch {
            throw .invalidRequest("The request body is not a valid JSON object.")
        }
    }

    /// The value of a top-level string field, or nil when absent or not a string.
    package func string(_ key: String) -> String? {
        guard let range = fields[key] else { return nil }
        return JSONScanner.decodeString(bytes[range])
    }

    /// A top-level field that is an object, read as its own inspector; nil when absent or not an object.
    package func object(_ key: String) -> RequestInspector? {
        guard let range = fields[key], bytes[range].first == UInt8(ascii: "{") else { return nil }
        return try? RequestInspector(Array(bytes[range]))
    }

    /// The value of a top-level boolean field, or nil when absent or not a boolean.
    package func bool(_ key: String) -> Bool? {
        guard let range = fields[key] else { return nil }
        let text = bytes[range]
        if text.elementsEqual("true".utf8) { return true }
        if text.elementsEqual("false".utf8) { return false }
        return nil
    }

    /// The value of a top-level integer field, or nil when absent or not an integer.
    package func int(_ key: String) -> Int? {
        guard let range = fields[key] else { return nil }
        return Int(String(decoding: bytes[range], as: UTF8.self))
    }

    /// The value of a top-level number field, or nil when absent or not a number.
    package func double(_ key: String) -> Double? {
        guard let range = fields[key] else { return nil }
        return Double(String(decoding: bytes[range], as: UTF8.self))
    }

    package func has(_ key: String) -> Bool {
        guard let range = fields[key] else { return false }
        return !bytes[range].elementsEqual("null".utf8)
    }

    /// Whether the client asked for the usage chunk of a stream (`stream_options.include_usage`).
    package var clientWantsStreamUsage: Bool {
        guard let range = fields["stream_options"] else { return false }
        var scanner = JSONScanner(bytes: Array(bytes[range]))
        guard let (inner, _) = try? scanner.topLevelObject(), let value = inner["include_usage"] else { return false }
        return Array(bytes[range])[value].elementsEqual("true".utf8)
    }

    /// The body with `model` set to `model` and, when `includeUsage`, `stream_options.include_usage`
    /// forced on. Other bytes are copied as they are.
    package func rewritten(model: String, includeUsage: Bool) -> [UInt8] {
        var edits: [(Range<Int>, [UInt8])] = []
        if let range = fields["model"] { edits.append((range, JSONScanner.encodeString(model))) }
        if includeUsage && !clientWantsStreamUsage {
            let options = Array(#"{"include_usage":true}"#.utf8)
            if let range = fields["stream_options"] {
                edits.append((range, options))
            } else {
                let needsComma = !fields.isEmpty
                edits.append((closingBrace..<closingBrace, Array(((needsComma ? "," : "") + #""stream_options":"#).utf8) + options))
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var position = 0
        for (range, replacement) in edits.sorted(by: { $0.0.lowerBound < $1.0.lowerBound }) {
            out += bytes[position..<range.lowerBound]
            out += replacement
            position = range.upperBound
        }
        out += bytes[position...]
        return out
    }
}
