/// A minimal JSON scanner: finds the extent of values without building them. It recurses once per
/// level of nesting and refuses to go past ``JSONNesting/maxDepth``, so hostile input cannot
/// overflow the stack.
package struct JSONScanner {
    /// Why a text is not one readable JSON object.
    package enum Failure: Error, Equatable {
        case malformed
        /// Arrays and objects nest deeper than ``JSONNesting/maxDepth``.
        case tooDeep
    }

    let bytes: [UInt8]
    var index = 0

    package init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The top-level object's fields (key → value range) and its closing brace, or a failure if the
    /// text is not one well-formed object (trailing whitespace allowed) within the nesting limit.
    mutating func topLevelObject() throws(Failure) -> ([String: Range<Int>], Int) {
        var fields: [String: Range<Int>] = [:]
        let close = try visitTopLevelObject { key, value throws(Failure) in
            guard let key = Self.decodeString(key) else { throw .malformed }
            fields[key] = value
        }
        return (fields, close)
    }

    /// Scans the top-level object as ``topLevelObject()`` does, handing each field's key as it is
    /// written (quotes included, escapes not decoded) and its value's range to `field`, without
    /// building a string or a dictionary; returns the closing brace's index.
    package mutating func visitTopLevelObject(_ field: (ArraySlice<UInt8>, Range<Int>) throws(Failure) -> Void) throws(Failure) -> Int {
        skipWhitespace()
        guard peek() == UInt8(ascii: "{") else { throw .malformed }
        index += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            let close = index
            index += 1
            return try trailingWhitespace(close)
        }
        while true {
            skipWhitespace()
            let keyStart = index
            try skipString()
            let key = bytes[keyStart..<index]
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw .malformed }
            index += 1
            skipWhitespace()
            let valueStart = index
            try skipValue(depth: 1)
            try field(key, valueStart..<index)
            skipWhitespace()
            if peek() == UInt8(ascii: ",") { index += 1; continue }
            guard peek() == UInt8(ascii: "}") else { throw .malformed }
            let close = index
            index += 1
            return try trailingWhitespace(close)
        }
    }

    /// Whether a key as written (quotes included) is `name`, a plain ASCII name.
    package static func key(_ written: ArraySlice<UInt8>, is name: StaticString) -> Bool {
        guard !written.contains(UInt8(ascii: "\\")) else { return decodeString(written) == name.description }
        guard written.count == name.utf8CodeUnitCount + 2 else { return false }
        // An index loop: slices and `elementsEqual` cost allocations in a debug build.
        let first = written.startIndex + 1
        for offset in 0..<name.utf8CodeUnitCount where written[first + offset] != name.utf8Start[offset] { return false }
        return true
    }

    private mutating func trailingWhitespace(_ close: Int) throws(Failure) -> Int {
        skipWhitespace()
        guard index == bytes.count else { throw .malformed }
        return close
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
            if byte == UInt8(ascii: "\\") {
                index += 1
            } else if byte == UInt8(ascii: "\"") {
                return
            } else if byte < 0x20 {
                throw .malformed
            }
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
                next != 0x20, next != 0x0A, next != 0x0D, next != 0x09
            {
                index += 1
            }
            let token = bytes[start..<index]
            if token.elementsEqual("true".utf8) || token.elementsEqual("false".utf8) || token.elementsEqual("null".utf8) { return }
            guard !token.isEmpty,
                token.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2B || $0 == 0x2E || $0 == 0x65 || $0 == 0x45 })
            else {
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
    package static func encodeString(_ text: String) -> [UInt8] {
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
