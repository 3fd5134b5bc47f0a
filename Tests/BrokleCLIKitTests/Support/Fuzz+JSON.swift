import Testing

/// Random valid JSON text: every kind of value, strings with escapes, brackets and non-ASCII,
/// random whitespace, and now and then a chain of nested arrays and objects long enough to cross
/// ``JSONNesting/maxDepth``. Each text comes with its nesting depth, counted while it is built:
/// the reference the scanners are checked against.
struct FuzzJSON: Sendable, CustomTestStringConvertible {
    var text: String
    var depth: Int

    var testDescription: String { "depth \(depth), \(text.utf8.count) bytes: \(text.prefix(400))" }
}

extension Fuzz {
    static let jsonAlphabet = Array(#"{}[]",:\ 0123456789.eE+-truefalsn"#.utf8) + [0x0A, 0x0D, 0x09]

    mutating func whitespace() -> String { pick(["", "", "", " ", "\n", "\t", "\r\n  "]) }

    mutating func jsonNumber() -> String { pick(["0", "-1", "42", "3.25", "1e10", "-2.5E-3", "12345678901234567890", "0.0"]) }

    /// A JSON string literal: plain text, escapes, brackets and quotes that must not count, non-ASCII.
    mutating func jsonString() -> String {
        let pieces = [
            "a", "model", "x y", "[", "]", "{", "}", ",", ":", #"\""#, #"\\"#, #"\/"#, #"\n"#, #"\t"#, #"\r"#,
            #"\u00e9"#, #"\ud83d\ude00"#, "é", "日本", "😀", #"\\["#, #"\"]"#,
        ]
        return "\"" + (0..<int(0...6)).map { _ in pick(pieces) }.joined() + "\""
    }

    /// A JSON value at most `levels` deep (past that only scalars), spending `size` as it goes.
    mutating func json(levels: Int, size: inout Int) -> FuzzJSON {
        size -= 1
        let nested = levels > 0 && size > 0
        switch int(0...(nested ? 9 : 4)) {
        case 0: return FuzzJSON(text: pick(["true", "false", "null"]), depth: 0)
        case 1, 2: return FuzzJSON(text: jsonNumber(), depth: 0)
        case 3, 4: return FuzzJSON(text: jsonString(), depth: 0)
        case 5, 6:
            let items = (0..<int(0...4)).map { _ in json(levels: levels - 1, size: &size) }
            return container(open: "[", close: "]", items.map { (nil, $0) })
        case 7, 8:
            let items = (0..<int(0...4)).map { _ in (jsonString(), json(levels: levels - 1, size: &size)) }
            return container(open: "{", close: "}", items)
        default:
            return chain(length: int(1...min(levels, 150)), around: json(levels: 0, size: &size))
        }
    }

    /// A top-level object with distinct keys (`extra` first, in the order given, then random ones).
    mutating func jsonObject(_ extra: [(String, FuzzJSON)] = [], levels: Int = 160, size: Int = 60) -> FuzzJSON {
        var size = size
        var fields = extra.map { (Optional("\"\($0.0)\""), $0.1) }
        var keys = Set(extra.map(\.0))
        for _ in 0..<int(0...5) {
            let key = "k\(int(0...99))"
            guard keys.insert(key).inserted else { continue }
            fields.insert(("\"\(key)\"", json(levels: levels - 1, size: &size)), at: int(0...fields.count))
        }
        return container(open: "{", close: "}", fields)
    }

    /// `inner` inside `length` arrays and objects, alternating at random.
    mutating func chain(length: Int, around inner: FuzzJSON) -> FuzzJSON {
        var opening = "", closing = ""
        for _ in 0..<length {
            if chance(0.5) {
                opening += "[" + whitespace()
                closing = whitespace() + "]" + closing
            } else {
                opening += "{" + jsonString() + ":"
                closing = "}" + closing
            }
        }
        return FuzzJSON(text: opening + inner.text + closing, depth: inner.depth + length)
    }

    private mutating func container(open: String, close: String, _ items: [(String?, FuzzJSON)]) -> FuzzJSON {
        var parts: [String] = []
        for (key, value) in items {
            parts.append(whitespace() + (key.map { $0 + whitespace() + ":" + whitespace() } ?? "") + value.text + whitespace())
        }
        return FuzzJSON(text: open + parts.joined(separator: ",") + whitespace() + close, depth: 1 + (items.map(\.1.depth).max() ?? 0))
    }
}
