/// Text of JSON strings kept as the assembled answer writes it: the bytes between a string's
/// quotes, escaped as Foundation's `JSONSerialization` escapes a string it writes (`\"`, `\\`, `\b`,
/// `\f`, `\n`, `\r`, `\t`, other control characters as `\u00xx`, everything else as its UTF-8,
/// `/` unescaped), so pieces from many events join by appending bytes and the answer is written
/// without decoding them. Lengths are of the decoded text (what the capture's cap counts).
enum JSONText {
    /// Appends the text of the JSON string whose bytes between the quotes are `escaped` (checked
    /// by ``EventJSON``) to `text`; returns the text's length in UTF-8.
    @discardableResult
    static func append(_ escaped: UnsafeRawBufferPointer, to text: inout [UInt8]) -> Int {
        read(escaped, into: &text, writing: true)
    }

    /// The length in UTF-8 of the text of the JSON string whose bytes between the quotes are `escaped`.
    static func decodedLength(_ escaped: UnsafeRawBufferPointer) -> Int {
        var none: [UInt8] = []
        return read(escaped, into: &none, writing: false)
    }

    private static func read(_ escaped: UnsafeRawBufferPointer, into text: inout [UInt8], writing: Bool) -> Int {
        var length = 0
        var run = 0
        var index = 0
        while index < escaped.count {
            guard escaped[index] == UInt8(ascii: "\\"), index + 1 < escaped.count else {
                index += 1
                continue
            }
            if writing { text.append(contentsOf: UnsafeRawBufferPointer(rebasing: escaped[run..<index])) }
            length += index - run
            switch escaped[index + 1] {
            case UInt8(ascii: "u"):
                // Checked by the reader; a bad one (never seen) is no character.
                var scalar = hex(escaped, at: index + 2) ?? 0xFFFD
                index = min(escaped.count, index + 6)
                if scalar & 0xFC00 == 0xD800, index + 5 < escaped.count, escaped[index] == UInt8(ascii: "\\"),
                    escaped[index + 1] == UInt8(ascii: "u"), let low = hex(escaped, at: index + 2), low & 0xFC00 == 0xDC00
                {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                } else if scalar & 0xF800 == 0xD800 {
                    scalar = 0xFFFD  // a lone surrogate: no character, as a decoder repairs it
                }
                length += write(scalar, into: &text, writing: writing)
            case UInt8(ascii: "/"):
                if writing { text.append(UInt8(ascii: "/")) }
                length += 1
                index += 2
            default:
                if writing { text.append(contentsOf: UnsafeRawBufferPointer(rebasing: escaped[index..<index + 2])) }
                length += 1
                index += 2
            }
            run = index
        }
        if writing { text.append(contentsOf: UnsafeRawBufferPointer(rebasing: escaped[run..<escaped.count])) }
        return length + escaped.count - run
    }

    /// Writes one character given by its code point, escaped where it must be; its UTF-8 length.
    private static func write(_ scalar: UInt32, into text: inout [UInt8], writing: Bool) -> Int {
        switch scalar {
        case 0..<0x80:
            if writing { writeASCII(UInt8(scalar), into: &text) }
            return 1
        case 0x80..<0x800:
            if writing {
                text.append(UInt8(0xC0 | scalar >> 6))
                text.append(UInt8(0x80 | scalar & 0x3F))
            }
            return 2
        case 0x800..<0x10000:
            if writing {
                text.append(UInt8(0xE0 | scalar >> 12))
                text.append(UInt8(0x80 | scalar >> 6 & 0x3F))
                text.append(UInt8(0x80 | scalar & 0x3F))
            }
            return 3
        default:
            if writing {
                text.append(UInt8(0xF0 | scalar >> 18))
                text.append(UInt8(0x80 | scalar >> 12 & 0x3F))
                text.append(UInt8(0x80 | scalar >> 6 & 0x3F))
                text.append(UInt8(0x80 | scalar & 0x3F))
            }
            return 4
        }
    }

    private static func writeASCII(_ byte: UInt8, into text: inout [UInt8]) {
        let escape: UInt8
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): escape = byte
        case 0x08: escape = UInt8(ascii: "b")
        case 0x0C: escape = UInt8(ascii: "f")
        case 0x0A: escape = UInt8(ascii: "n")
        case 0x0D: escape = UInt8(ascii: "r")
        case 0x09: escape = UInt8(ascii: "t")
        case 0..<0x20: escape = UInt8(ascii: "u")
        default:
            text.append(byte)
            return
        }
        text.append(UInt8(ascii: "\\"))
        text.append(escape)
        guard escape == UInt8(ascii: "u") else { return }
        let digits: StaticString = "0123456789abcdef"
        text.append(UInt8(ascii: "0"))
        text.append(UInt8(ascii: "0"))
        text.append(digits.utf8Start[Int(byte >> 4)])
        text.append(digits.utf8Start[Int(byte & 0xF)])
    }

    /// The value of the four hex digits at `offset`; nil when they are not.
    static func hex(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32? {
        guard offset + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for index in offset..<offset + 4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Kept text as the text itself (every escape undone): the JSON a tool call's argument deltas
    /// spell, read as JSON.
    static func unescaped(_ text: [UInt8]) -> [UInt8] {
        var plain: [UInt8] = []
        plain.reserveCapacity(text.count)
        text.withUnsafeBytes { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                guard byte == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                    plain.append(byte)
                    index += 1
                    continue
                }
                switch bytes[index + 1] {
                case UInt8(ascii: "b"): plain.append(0x08)
                case UInt8(ascii: "f"): plain.append(0x0C)
                case UInt8(ascii: "n"): plain.append(0x0A)
                case UInt8(ascii: "r"): plain.append(0x0D)
                case UInt8(ascii: "t"): plain.append(0x09)
                case UInt8(ascii: "u"):
                    // Kept text escapes only control characters this way.
                    plain.append(UInt8(truncatingIfNeeded: hex(bytes, at: index + 2) ?? 0x3F))
                    index += 4
                default: plain.append(bytes[index + 1])
                }
                index += 2
            }
        }
        return plain
    }
}
