import BrokleCore

/// One stream event's JSON read where it lies, for the stream assembler: the members of an object
/// and the elements of an array as ranges of the event's bytes, nothing decoded, nothing allocated.
/// Reading is checking: a walk over an object returns false for anything that is not well-formed
/// JSON (the assembler then leaves the event alone, as it would one it cannot decode), so what it
/// copies out as JSON text is JSON text.
struct EventJSON {
    let bytes: UnsafeRawBufferPointer

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Where the event's object lies, whitespace around it left out: a `{` to a `}`, checked
    /// when its members are walked.
    var object: Range<Int>? {
        let start = skipWhitespace(0)
        var end = bytes.count
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D || bytes[end - 1] == 0x09 { end -= 1 }
        guard end - start >= 2, bytes[start] == UInt8(ascii: "{"), bytes[end - 1] == UInt8(ascii: "}") else { return nil }
        return start..<end
    }

    /// Calls `body` with each member of the object at `range`: its key (the bytes between the
    /// quotes) and its value. False when `range` is not one well-formed object.
    @discardableResult
    func forEachMember(of range: Range<Int>, _ body: (_ key: Range<Int>, _ value: Range<Int>) -> Void) -> Bool {
        guard !range.isEmpty, bytes[range.lowerBound] == UInt8(ascii: "{") else { return false }
        var index = skipWhitespace(range.lowerBound + 1)
        if index < range.upperBound, bytes[index] == UInt8(ascii: "}") { return index + 1 == range.upperBound }
        while index < range.upperBound {
            guard bytes[index] == UInt8(ascii: "\""), let keyEnd = stringEnd(from: index) else { return false }
            let colon = skipWhitespace(keyEnd)
            guard colon < range.upperBound, bytes[colon] == UInt8(ascii: ":") else { return false }
            let start = skipWhitespace(colon + 1)
            guard let end = valueEnd(from: start, depth: 1) else { return false }
            body(index + 1..<keyEnd - 1, start..<end)
            index = skipWhitespace(end)
            guard index < range.upperBound else { return false }
            if bytes[index] == UInt8(ascii: "}") { return index + 1 == range.upperBound }
            guard bytes[index] == UInt8(ascii: ",") else { return false }
            index = skipWhitespace(index + 1)
        }
        return false
    }

    /// Calls `body` with each element of the array at `range`. False when `range` is not one
    /// well-formed array.
    @discardableResult
    func forEachElement(of range: Range<Int>, _ body: (Range<Int>) -> Void) -> Bool {
        guard !range.isEmpty, bytes[range.lowerBound] == UInt8(ascii: "[") else { return false }
        var index = skipWhitespace(range.lowerBound + 1)
        if index < range.upperBound, bytes[index] == UInt8(ascii: "]") { return index + 1 == range.upperBound }
        while index < range.upperBound {
            guard let end = valueEnd(from: index, depth: 1) else { return false }
            body(index..<end)
            index = skipWhitespace(end)
            guard index < range.upperBound else { return false }
            if bytes[index] == UInt8(ascii: "]") { return index + 1 == range.upperBound }
            guard bytes[index] == UInt8(ascii: ",") else { return false }
            index = skipWhitespace(index + 1)
        }
        return false
    }

    /// Whether the key or string content at `range` is `name`, as written.
    func matches(_ range: Range<Int>, _ name: StaticString) -> Bool {
        guard range.count == name.utf8CodeUnitCount else { return false }
        let name = name.utf8Start
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != name[offset] { return false }
        return true
    }

    /// The bytes between the quotes when the value at `range` is a string.
    func stringContent(_ range: Range<Int>?) -> Range<Int>? {
        guard let range, bytes[range.lowerBound] == UInt8(ascii: "\"") else { return nil }
        return range.lowerBound + 1..<range.upperBound - 1
    }

    /// A string value's text (``JSONText``); nil for any other value.
    func text(_ value: Range<Int>?) -> [UInt8]? {
        guard let content = stringContent(value) else { return nil }
        var text: [UInt8] = []
        JSONText.append(slice(content), to: &text)
        return text
    }

    /// The value at `range` when it is an integer that fits an `Int` (a literal without fraction
    /// or exponent).
    func integer(_ range: Range<Int>?) -> Int? {
        guard let range else { return nil }
        var index = range.lowerBound
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard index < range.upperBound, range.upperBound - index <= 18 else { return nil }
        var value = 0
        while index < range.upperBound {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
            index += 1
        }
        return negative ? -value : value
    }

    func isObject(_ range: Range<Int>?) -> Bool { range.map { bytes[$0.lowerBound] == UInt8(ascii: "{") } ?? false }

    /// A value that is there and not `null`.
    func isValue(_ range: Range<Int>?) -> Bool { range.map { bytes[$0.lowerBound] != UInt8(ascii: "n") } ?? false }

    func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[range]) }

    /// The value at `range` without the whitespace between its tokens.
    func writeCompact(_ range: Range<Int>, into out: inout [UInt8]) {
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\""), let end = stringEnd(from: index) {
                out.append(contentsOf: slice(index..<end))
                index = end
                continue
            }
            if byte != 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09 { out.append(byte) }
            index += 1
        }
    }

    func skipWhitespace(_ start: Int) -> Int {
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return index
            }
        }
        return index
    }

    /// The offset just past the value that starts at `start`; nil when none does.
    func valueEnd(from start: Int, depth: Int) -> Int? {
        guard start < bytes.count else { return nil }
        switch bytes[start] {
        case UInt8(ascii: "\""): return stringEnd(from: start)
        case UInt8(ascii: "{"), UInt8(ascii: "["): return containerEnd(from: start, depth: depth + 1)
        case UInt8(ascii: "t"): return literalEnd(from: start, "true")
        case UInt8(ascii: "f"): return literalEnd(from: start, "false")
        case UInt8(ascii: "n"): return literalEnd(from: start, "null")
        default: return numberEnd(from: start)
        }
    }

    private func containerEnd(from start: Int, depth: Int) -> Int? {
        guard depth <= JSONNesting.maxDepth else { return nil }
        let object = bytes[start] == UInt8(ascii: "{")
        let close = object ? UInt8(ascii: "}") : UInt8(ascii: "]")
        var index = skipWhitespace(start + 1)
        if index < bytes.count, bytes[index] == close { return index + 1 }
        while index < bytes.count {
            if object {
                guard bytes[index] == UInt8(ascii: "\""), let keyEnd = stringEnd(from: index) else { return nil }
                index = skipWhitespace(keyEnd)
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index = skipWhitespace(index + 1)
            }
            guard let end = valueEnd(from: index, depth: depth) else { return nil }
            index = skipWhitespace(end)
            guard index < bytes.count else { return nil }
            if bytes[index] == close { return index + 1 }
            guard bytes[index] == UInt8(ascii: ",") else { return nil }
            index = skipWhitespace(index + 1)
        }
        return nil
    }

    /// The offset just past the string whose opening quote is at `start`: escapes checked, no
    /// control character unescaped.
    func stringEnd(from start: Int) -> Int? {
        var index = start + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { return index + 1 }
            if byte < 0x20 { return nil }
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count else { return nil }
                switch bytes[index + 1] {
                case UInt8(ascii: "u"):
                    guard index + 5 < bytes.count, JSONText.hex(bytes, at: index + 2) != nil else { return nil }
                    index += 6
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 2
                default: return nil
                }
            } else {
                index += 1
            }
        }
        return nil
    }

    private func literalEnd(from start: Int, _ literal: StaticString) -> Int? {
        let end = start + literal.utf8CodeUnitCount
        guard end <= bytes.count, matches(start..<end, literal) else { return nil }
        return end
    }

    /// A number as JSON writes one: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private func numberEnd(from start: Int) -> Int? {
        var index = start
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard let integral = digitsEnd(from: index) else { return nil }
        if bytes[index] == UInt8(ascii: "0"), integral > index + 1 { return nil }
        index = integral
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            guard let fraction = digitsEnd(from: index + 1) else { return nil }
            index = fraction
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard let exponent = digitsEnd(from: index) else { return nil }
            index = exponent
        }
        return index
    }

    /// The end of the run of digits at `start`; nil when there is none.
    private func digitsEnd(from start: Int) -> Int? {
        var index = start
        while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        return index > start ? index : nil
    }
}
