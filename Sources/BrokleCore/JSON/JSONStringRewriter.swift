/// One step of the way from a JSON document's root to a value: an object's key or an array's index.
package enum JSONPathElement: Equatable, Sendable {
    case key(String)
    case index(Int)
}

/// Rewrites the string values of a JSON document in place, byte for byte everywhere else: keys,
/// numbers, whitespace and field order stay as they came. What guardrails use to mask a request
/// body and restore an answer, whatever its wire format — the walk is one pass over the bytes, and
/// only a string that changes is decoded and written again.
package enum JSONStringRewriter {
    /// Calls `transform` with the path and text of every string value (never an object's key)
    /// outside the subtrees of `skipping` keys; the strings it returns replace those values.
    /// Returns the document with them replaced, or nil when nothing changed or `bytes` is not JSON
    /// (or nests deeper than ``JSONNesting/maxDepth``).
    package static func rewrite(
        _ bytes: [UInt8], skipping: Set<String> = [], _ transform: (_ path: [JSONPathElement], _ value: String) -> String?
    ) -> [UInt8]? {
        var walker = Walker(bytes: bytes, skipping: skipping)
        do {
            walker.skipWhitespace()
            try walker.value(depth: 0, skipped: false, transform)
        } catch {
            return nil
        }
        guard !walker.replacements.isEmpty else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + walker.replacements.reduce(0) { $0 + $1.bytes.count })
        var from = 0
        for replacement in walker.replacements {
            out.append(contentsOf: bytes[from..<replacement.range.lowerBound])
            out.append(contentsOf: replacement.bytes)
            from = replacement.range.upperBound
        }
        out.append(contentsOf: bytes[from...])
        return out
    }

    private struct Malformed: Error {}

    private struct Walker {
        let bytes: [UInt8]
        let skipping: Set<String>
        var index = 0
        var path: [JSONPathElement] = []
        var replacements: [(range: Range<Int>, bytes: [UInt8])] = []

        init(bytes: [UInt8], skipping: Set<String>) {
            self.bytes = bytes
            self.skipping = skipping
        }

        mutating func skipWhitespace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
                index += 1
            }
        }

        /// The range of the string literal starting at `index` (quotes included); moves past it.
        mutating func stringLiteral() throws(Malformed) -> Range<Int> {
            let start = index
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Malformed() }
            index += 1
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\\"): index += 2
                case UInt8(ascii: "\""):
                    index += 1
                    return start..<index
                default: index += 1
                }
            }
            throw Malformed()
        }

        mutating func value(depth: Int, skipped: Bool, _ transform: ([JSONPathElement], String) -> String?) throws(Malformed) {
            guard depth <= JSONNesting.maxDepth, index < bytes.count else { throw Malformed() }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                let literal = try stringLiteral()
                guard !skipped, let text = JSONScanner.decodeString(bytes[literal]) else { return }
                if let replaced = transform(path, text), replaced != text {
                    replacements.append((literal, JSONScanner.encodeString(replaced)))
                }
            case UInt8(ascii: "{"):
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return
                }
                while true {
                    skipWhitespace()
                    let keyRange = try stringLiteral()
                    let key = JSONScanner.decodeString(bytes[keyRange]) ?? ""
                    skipWhitespace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Malformed() }
                    index += 1
                    skipWhitespace()
                    path.append(.key(key))
                    try value(depth: depth + 1, skipped: skipped || skipping.contains(key), transform)
                    path.removeLast()
                    skipWhitespace()
                    guard index < bytes.count else { throw Malformed() }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                    } else if bytes[index] == UInt8(ascii: "}") {
                        index += 1
                        return
                    } else {
                        throw Malformed()
                    }
                }
            case UInt8(ascii: "["):
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return
                }
                var position = 0
                while true {
                    skipWhitespace()
                    path.append(.index(position))
                    try value(depth: depth + 1, skipped: skipped, transform)
                    path.removeLast()
                    position += 1
                    skipWhitespace()
                    guard index < bytes.count else { throw Malformed() }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                    } else if bytes[index] == UInt8(ascii: "]") {
                        index += 1
                        return
                    } else {
                        throw Malformed()
                    }
                }
            default:
                // A number, true, false or null: up to the next delimiter.
                let start = index
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || byte == 0x20 || byte == 0x0A
                        || byte == 0x0D || byte == 0x09
                    {
                        break
                    }
                    index += 1
                }
                if index == start { throw Malformed() }
            }
        }
    }
}
