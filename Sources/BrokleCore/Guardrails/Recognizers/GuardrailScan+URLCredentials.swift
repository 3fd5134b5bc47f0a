/// The password in a URL's credentials, `scheme://user:password@host` (a database URL, a proxy):
/// the finding is the password only, unless it is the documentation's `pass`, `password` or
/// `secret`, or a placeholder (`${DB_PASSWORD}`, `****`).
extension GuardrailScan {
    static let maxURLUser = 64
    static let maxURLPassword = 128

    mutating func scanURLCredentials() {
        var index = start
        while index < ownedEnd {
            guard bytes[index] == UInt8(ascii: ":"), matches("://", at: index) else {
                index += 1
                continue
            }
            index += 3
            let userEnd = runEnd(from: index, cap: Self.maxURLUser + 1, Self.isUserInfoByte)
            guard userEnd > index, userEnd - index <= Self.maxURLUser, at(userEnd) == UInt8(ascii: ":") else { continue }
            let passwordStart = userEnd + 1
            let passwordEnd = runEnd(from: passwordStart, cap: Self.maxURLPassword + 1) { byte in
                Self.isUserInfoByte(byte) || byte == UInt8(ascii: ":")
            }
            guard passwordEnd > passwordStart, passwordEnd - passwordStart <= Self.maxURLPassword, at(passwordEnd) == UInt8(ascii: "@"),
                at(passwordEnd + 1).isASCIIAlphanumeric, !isExamplePassword(passwordStart..<passwordEnd)
            else { continue }
            add(.secret, "url_password", passwordStart..<passwordEnd, 0.95)
            index = passwordEnd
        }
        steps &+= ownedEnd - start
    }

    /// `pass`, `password`, `secret` (the documentation's `user:pass@host`) or a placeholder.
    private func isExamplePassword(_ value: Range<Int>) -> Bool {
        switch value.count {
        case 4: if matchesIgnoringCase("pass", at: value.lowerBound) { return true }
        case 6: if matchesIgnoringCase("secret", at: value.lowerBound) { return true }
        case 8: if matchesIgnoringCase("password", at: value.lowerBound) { return true }
        default: break
        }
        return isPlaceholder(value)
    }

    /// What a URL's user or password may hold: printable ASCII but the delimiters `:/@?#`.
    private static func isUserInfoByte(_ byte: UInt8) -> Bool {
        guard byte > 0x20, byte < 0x7F else { return false }
        switch byte {
        case UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "@"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "\""),
            UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"):
            return false
        default:
            return true
        }
    }
}
