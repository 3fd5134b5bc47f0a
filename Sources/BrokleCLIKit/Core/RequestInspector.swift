/// Reads the few top-level fields of an OpenAI request body that the gateway needs (`model`,
/// `stream`, `stream_options`, whether `messages`/`prompt`/`input` are present) without decoding
/// the rest, and rewrites `model` and `stream_options` in place. Every other byte is passed through
/// untouched (tools, response_format, seed, logprobs, fields not invented yet).
public struct RequestInspector: Sendable {
    public let bytes: [UInt8]
    /// Byte ranges of each top-level value, by key.
    public let fields: [String: Range<Int>]
    /// Index of the object's closing brace.
    let closingBrace: Int

    public init(_ bytes: [UInt8]) throws(GatewayError) {
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
    public func string(_ key: String) -> String? {
        guard let range = fields[key] else { return nil }
        return JSONScanner.decodeString(bytes[range])
    }

    /// The value of a top-level boolean field, or nil when absent or not a boolean.
    public func bool(_ key: String) -> Bool? {
        guard let range = fields[key] else { return nil }
        let text = bytes[range]
        if text.elementsEqual("true".utf8) { return true }
        if text.elementsEqual("false".utf8) { return false }
        return nil
    }

    /// The value of a top-level integer field, or nil when absent or not an integer.
    public func int(_ key: String) -> Int? {
        guard let range = fields[key] else { return nil }
        return Int(String(decoding: bytes[range], as: UTF8.self))
    }

    public func has(_ key: String) -> Bool {
        guard let range = fields[key] else { return false }
        return !bytes[range].elementsEqual("null".utf8)
    }

    /// Whether the client asked for the usage chunk of a stream (`stream_options.include_usage`).
    public var clientWantsStreamUsage: Bool {
        guard let range = fields["stream_options"] else { return false }
        var scanner = JSONScanner(bytes: Array(bytes[range]))
        guard let (inner, _) = try? scanner.topLevelObject(), let value = inner["include_usage"] else { return false }
        return Array(bytes[range])[value].elementsEqual("true".utf8)
    }

    /// The body with `model` set to `model` and, when `includeUsage`, `stream_options.include_usage`
    /// forced on. Other bytes are copied as they are.
    public func rewritten(model: String, includeUsage: Bool) -> [UInt8] {
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

/// A minimal JSON scanner: finds the extent of values without building them. It recurses once per
/// level of nesting and refuses to go past ``JSONNesting/maxDepth``, so hostile input cannot
/// overflow the stack.
struct JSONScanner {
    /// Why a text is not one readable JSON object.
    enum Failure: Error, Equatable {
        case malformed
        /// Arrays and objects nest deeper than ``JSONNesting/maxDepth``.
        case tooDeep
    }

    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The top-level object's fields (key → value range) and its closing brace, or a failure if the
    /// text is not one well-formed object (trailing whitespace allowed) within the nesting limit.
    mutating func topLevelObject() throws(Failure) -> ([String: Range<Int>], Int) {
        skipWhitespace()
        guard peek() == UInt8(ascii: "{") else { throw .malformed }
        index += 1
        var fields: [String: Range<Int>] = [:]
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            let close = index
            index += 1
            return try trailingWhitespace(fields, close)
        }
        while true {
            skipWhitespace()
            let keyStart = index
            try skipString()
            guard let key = Self.decodeString(bytes[keyStart..<index]) else { throw .malformed }
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw .malformed }
            index += 1
            skipWhitespace()
            let valueStart = index
            try skipValue(depth: 1)
            fields[key] = valueStart..<index
            skipWhitespace()
            if peek() == UInt8(ascii: ",") { index += 1; continue }
            guard peek() == UInt8(ascii: "}") else { throw .malformed }
            let close = index
            index += 1
            return try trailingWhitespace(fields, close)
        }
    }

    private mutating func trailingWhitespace(_ fields: [String: Range<Int>], _ close: Int) throws(Failure) -> ([String: Range<Int>], Int) {
        skipWhitespace()
        guard index == bytes.count else { throw .malformed }
        return (fields, close)
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private mutating func skipString() throws(Failure) {
        guard peek() == UInt8(ascii: "\"") else { throw .malformed }
        index += 1
        while let byte = peek() {
            index += 1
            if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { return } else if byte < 0x20 { throw .malformed }
        }
        throw .malformed
    }

    /// Skips one value inside `depth` open arrays and objects.
    private mutating func skipValue(depth: Int) throws(Failure) {
        guard let byte = peek() else { throw .malformed }
        switch byte {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < JSONNesting.maxDepth else { throw .tooDeep }
            let close = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            index += 1
            skipWhitespace()
            if peek() == close { index += 1; return }
            while true {
                skipWhitespace()
                if byte == UInt8(ascii: "{") {
                    try skipString()
                    skipWhitespace()
                    guard peek() == UInt8(ascii: ":") else { throw .malformed }
                    index += 1
                    skipWhitespace()
                }
                try skipValue(depth: depth + 1)
                skipWhitespace()
                if peek() == UInt8(ascii: ",") { index += 1; continue }
                guard peek() == close else { throw .malformed }
                index += 1
                return
            }
        default:
            let start = index
            while let next = peek(), next != UInt8(ascii: ","), next != UInt8(ascii: "}"), next != UInt8(ascii: "]"),
                  next != 0x20, next != 0x0A, next != 0x0D, next != 0x09 {
                index += 1
            }
            let token = bytes[start..<index]
            if token.elementsEqual("true".utf8) || token.elementsEqual("false".utf8) || token.elementsEqual("null".utf8) { return }
            guard !token.isEmpty, token.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2B || $0 == 0x2E || $0 == 0x65 || $0 == 0x45 }) else {
                throw .malformed
            }
        }
    }

    /// Decodes a JSON string literal (with its quotes); nil if it is not one.
    static func decodeString(_ literal: ArraySlice<UInt8>) -> String? {
        guard literal.count >= 2, literal.first == UInt8(ascii: "\""), literal.last == UInt8(ascii: "\"") else { return nil }
        let inner = literal.dropFirst().dropLast()
        if !inner.contains(UInt8(ascii: "\\")) { return String(decoding: inner, as: UTF8.self) }
        var out = String.UnicodeScalarView()
        var iterator = Array(inner).makeIterator()
        var pendingHigh: UInt32?
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "\\") else {
                // Re-decode multi-byte UTF-8 runs by collecting continuation bytes.
                var run = [byte]
                if byte >= 0x80 {
                    let extra = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : 1
                    for _ in 0..<extra { if let next = iterator.next() { run.append(next) } }
                }
                out.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
                continue
            }
            guard let escape = iterator.next() else { return nil }
            switch escape {
            case UInt8(ascii: "n"): out.append("\n")
            case UInt8(ascii: "t"): out.append("\t")
            case UInt8(ascii: "r"): out.append("\r")
            case UInt8(ascii: "b"): out.append("\u{8}")
            case UInt8(ascii: "f"): out.append("\u{C}")
            case UInt8(ascii: "u"):
                var hex = ""
                for _ in 0..<4 { guard let h = iterator.next() else { return nil }; hex.unicodeScalars.append(Unicode.Scalar(h)) }
                guard let value = UInt32(hex, radix: 16) else { return nil }
                if (0xD800...0xDBFF).contains(value) { pendingHigh = value; continue }
                if (0xDC00...0xDFFF).contains(value), let high = pendingHigh {
                    pendingHigh = nil
                    if let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (value - 0xDC00)) { out.append(scalar) }
                    continue
                }
                if let scalar = Unicode.Scalar(value) { out.append(scalar) }
            default: out.append(Unicode.Scalar(escape))
            }
        }
        return String(out)
    }

    /// A JSON string literal for `text`.
    static func encodeString(_ text: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += Array(#"\""#.utf8)
            case "\\": out += Array(#"\\"#.utf8)
            case "\n": out += Array(#"\n"#.utf8)
            case "\r": out += Array(#"\r"#.utf8)
            case "\t": out += Array(#"\t"#.utf8)
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: out += Array(String(scalar).utf8)
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }
}
