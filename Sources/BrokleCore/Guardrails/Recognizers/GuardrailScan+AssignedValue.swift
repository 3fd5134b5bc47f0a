/// How the assignment scanner reads a value and decides it is none: where a bare value ends, and
/// what is a placeholder or a piece of code rather than a secret.
extension GuardrailScan {
    /// The end of a bare value: printable ASCII up to a space, a quote, a bracket, `,` or `;`, or an
    /// `&` that starts the next `name=` of a query.
    mutating func bareValueEnd(from first: Int) -> Int {
        var end = first
        let stop = min(limit, first + Self.maxAssignedValue + 1)
        while end < stop {
            let byte = bytes[end]
            guard byte > 0x20, byte < 0x7F else { break }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "<"),
                UInt8(ascii: ">"), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "\\"):
                steps &+= end - first
                return end
            case UInt8(ascii: "&"):
                var name = end + 1
                while name < stop, name - end <= 32, bytes[name].isNameByte { name += 1 }
                if name > end + 1, at(name) == UInt8(ascii: "=") {
                    steps &+= end - first
                    return end
                }
            default:
                break
            }
            end += 1
        }
        steps &+= end - first
        return end
    }

    /// Whether a bare value is code rather than a secret: a call or subscript (`os.environ[…]`,
    /// `token.dropFirst()`), or a name without digits: a property path (`self.apiKey`), an optional
    /// or capitalised type (`String?`, `Sendable`), and after `:` any word (`token: Substring`, a
    /// type annotation; `password: required`).
    func looksLikeCode(_ value: Range<Int>, afterColon: Bool) -> Bool {
        guard !value.isEmpty else { return false }
        var digits = false
        var name = true
        var dotted = false
        for index in value {
            let byte = bytes[index]
            if byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") { return true }
            if byte.isASCIIDigit { digits = true }
            if byte == UInt8(ascii: ".") { dotted = true }
            if !(byte.isASCIILetter || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "?")) { name = false }
        }
        guard name, !digits else { return false }
        let capitalised = bytes[value.lowerBound].isASCIIUpper && bytes[value].contains(where: { $0.isASCIILower })
        return afterColon || dotted || bytes[value.upperBound - 1] == UInt8(ascii: "?") || capitalised
    }

    /// `***`, `xxxx`, `...`, `<…>`, `${…}`, `{{…}}`, `%(…)s`, `your-key-here`, `null`, `none`,
    /// `true`, `false`, `undefined`, `redacted`, `required`.
    func isPlaceholder(_ value: Range<Int>) -> Bool {
        let first = bytes[value.lowerBound]
        if first == UInt8(ascii: "<") || first == UInt8(ascii: "$") || first == UInt8(ascii: "{") || first == UInt8(ascii: "%") {
            return true
        }
        let masked = bytes[value].allSatisfy { byte in
            byte == UInt8(ascii: "*") || byte == UInt8(ascii: "x") || byte == UInt8(ascii: "X") || byte == UInt8(ascii: ".")
        }
        if masked { return true }
        for index in value.lowerBound..<max(value.lowerBound, value.upperBound - 3) where matchesIgnoringCase("your", at: index) {
            return true
        }
        let start = value.lowerBound
        switch value.count {
        case 4:
            return matchesIgnoringCase("null", at: start) || matchesIgnoringCase("none", at: start)
                || matchesIgnoringCase("true", at: start)
        case 5: return matchesIgnoringCase("false", at: start)
        case 8: return matchesIgnoringCase("redacted", at: start) || matchesIgnoringCase("required", at: start)
        case 9: return matchesIgnoringCase("undefined", at: start)
        default: return false
        }
    }
}
