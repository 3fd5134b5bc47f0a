/// What the number recognizers share: where a number may begin and end.
extension GuardrailScan {
    /// Whether a number may start at `index`: the byte before it is not part of a word, another
    /// number (`.` or `,` after a digit), a code (`-` or `/` after a letter or digit: `CUST-5699`),
    /// a reference (`#`, `@`) or a price (`$`, `€`, `£`, `¥`).
    func numberMayStart(at index: Int) -> Bool {
        let before = at(index - 1)
        if before.isWordByte { return false }
        switch before {
        case UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "@"), UInt8(ascii: "+"), UInt8(ascii: "%"), UInt8(ascii: "&"):
            return false
        case UInt8(ascii: "."), UInt8(ascii: ","):
            return !at(index - 2).isASCIIDigit
        case UInt8(ascii: "-"), UInt8(ascii: "/"):
            return !at(index - 2).isWordByte
        case 0xA3, 0xA5, 0xAC:  // the last bytes of £, ¥ and €
            return false
        default:
            return true
        }
    }

    /// Whether a number may end before `index`: the next byte is not part of a word, and is not a
    /// `.`, `-`, `/` or `:` that goes on to another digit (`1.2.3.4.5`, `2024-01-15`, `12:30`), nor
    /// a `-` that goes on to a letter (`206-581-4262-HB`, a part number).
    func numberMayEnd(at index: Int) -> Bool {
        let next = at(index)
        if next.isWordByte { return false }
        switch next {
        case UInt8(ascii: "-"):
            return !at(index + 1).isWordByte
        case UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"):
            return !at(index + 1).isASCIIDigit
        default:
            return true
        }
    }

    /// The end of the digits from `index`, and the end of any groups joined to them by single
    /// separators: where a rejected candidate's scan goes on, so its digits are not tried again.
    mutating func endOfNumber(from index: Int) -> Int {
        var end = index
        while true {
            end = runEnd(from: end) { $0.isASCIIDigit }
            let separator = at(end)
            guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") || separator == UInt8(ascii: "."),
                at(end + 1).isASCIIDigit
            else { return end }
            end += 1
        }
    }
}
