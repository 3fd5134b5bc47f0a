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
    /// What a walk came to.
    package enum Outcome: Equatable, Sendable {
        case unchanged
        case rewritten([UInt8])
        /// Not JSON, nested deeper than ``JSONNesting/maxDepth``, or a string value that cannot
        /// be decoded (`\uZZZZ`): nothing was rewritten, and the caller should not trust the
        /// strings it did not see.
        case unreadable
    }

    /// Which strings are looked at.
    package struct Fields: Sendable {
        /// Keys whose values (and what is under them) are not text: ids, roles, signatures.
        package var skipped: Set<String> = []
        /// Keys whose object values hold the client's own data below the top level (a tool call's
        /// `input`): inside them no key is skipped, whatever its name.
        package var freeForm: Set<String> = []
        /// Keys skipped unless the object holding them says it is text (`"type": "text"` or a
        /// `media_type` of `text/…`): Anthropic's document `data` is base64 or plain text.
        package var textOnly: Set<String> = []

        package init(skipped: Set<String> = [], freeForm: Set<String> = [], textOnly: Set<String> = []) {
            self.skipped = skipped
            self.freeForm = freeForm
            self.textOnly = textOnly
        }
    }

    /// Calls `transform` with the path and text of every string value (never an object's key)
    /// outside the subtrees of skipped keys; the strings it returns replace those values.
    package static func rewriting(
        _ bytes: [UInt8], fields: Fields, _ transform: (_ path: [JSONPathElement], _ value: String) -> String?
    ) -> Outcome {
        var walker = Walker(bytes: bytes, fields: fields)
        do {
            walker.skipWhitespace()
            try walker.value(depth: 0, skipped: false, structural: true, transform)
        } catch {
            return .unreadable
        }
        guard !walker.replacements.isEmpty else { return .unchanged }
        walker.replacements.sort { $0.range.lowerBound < $1.range.lowerBound }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + walker.replacements.reduce(0) { $0 + $1.bytes.count })
        var from = 0
        for replacement in walker.replacements {
            out.append(contentsOf: bytes[from..<replacement.range.lowerBound])
            out.append(contentsOf: replacement.bytes)
            from = replacement.range.upperBound
        }
        out.append(contentsOf: bytes[from...])
        return .rewritten(out)
    }

    /// ``rewriting(_:fields:_:)`` with only skipped keys; nil when nothing changed or the document
    /// is unreadable.
    package static func rewrite(
        _ bytes: [UInt8], skipping: Set<String> = [], _ transform: (_ path: [JSONPathElement], _ value: String) -> String?
    ) -> [UInt8]? {
        guard case .rewritten(let out) = rewriting(bytes, fields: Fields(skipped: skipping), transform) else { return nil }
        return out
    }

    private struct Malformed: Error {}

    private struct Walker {
        let bytes: [UInt8]
        let fields: Fields
        var index = 0
        var path: [JSONPathElement] = []
        var replacements: [(range: Range<Int>, bytes: [UInt8])] = []

        init(bytes: [UInt8], fields: Fields) {
            self.bytes = bytes
            self.fields = fields
        }

        /// The string `literal` (a range of `bytes`, quotes included) through `transform`.
        mutating func screen(_ literal: Range<Int>, _ transform: ([JSONPathElement], String) -> String?) throws(Malformed) {
            guard let text = JSONScanner.decodeString(bytes[literal]) else { throw Malformed() }
            if let replaced = transform(path, text), replaced != text {
                replacements.append((literal, JSONScanner.encodeString(replaced)))
            }
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

        /// `structural`: keys are the wire format's (and skipped by name); false inside a
        /// free-form value, where they are the client's.
        mutating func value(depth: Int, skipped: Bool, structural: Bool, _ transform: ([JSONPathElement], String) -> String?)
            throws(Malformed)
        {
            guard depth <= JSONNesting.maxDepth, index < bytes.count else { throw Malformed() }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                let literal = try stringLiteral()
                guard !skipped else { return }
                try screen(literal, transform)
            case UInt8(ascii: "{"):
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return
                }
                // Text-only strings wait for the object to say whether it is text.
                var waiting: [(literal: Range<Int>, key: String)] = []
                var textual = false
                while true {
                    skipWhitespace()
                    let keyRange = try stringLiteral()
                    let key = JSONScanner.decodeString(bytes[keyRange]) ?? ""
                    skipWhitespace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Malformed() }
                    index += 1
                    skipWhitespace()
                    path.append(.key(key))
                    if structural, !skipped, index < bytes.count, bytes[index] == UInt8(ascii: "\""),
                        key == "type" || key == "media_type" || fields.textOnly.contains(key)
                    {
                        let literal = try stringLiteral()
                        if fields.textOnly.contains(key) {
                            waiting.append((literal, key))
                        } else if let text = JSONScanner.decodeString(bytes[literal]) {
                            textual = textual || (key == "type" ? text == "text" : text.hasPrefix("text/"))
                        }
                    } else {
                        let skips = structural && fields.skipped.contains(key)
                        let stillStructural = structural && !(depth > 0 && fields.freeForm.contains(key))
                        try value(depth: depth + 1, skipped: skipped || skips, structural: stillStructural, transform)
                    }
                    path.removeLast()
                    skipWhitespace()
                    guard index < bytes.count else { throw Malformed() }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                    } else if bytes[index] == UInt8(ascii: "}") {
                        index += 1
                        if textual {
                            for (literal, key) in waiting {
                                path.append(.key(key))
                                try screen(literal, transform)
                                path.removeLast()
                            }
                        }
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
                    try value(depth: depth + 1, skipped: skipped, structural: structural, transform)
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
