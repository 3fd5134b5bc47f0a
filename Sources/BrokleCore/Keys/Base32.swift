/// RFC 4648 base32, lower-case, no padding: URL- and shell-safe, no `_` (the key separator).
enum Base32 {
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".unicodeScalars)

    static func encode(_ bytes: [UInt8]) -> String {
        var out = String.UnicodeScalarView()
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return String(out)
    }

    static func isValid(_ text: Substring, length: Int) -> Bool {
        text.unicodeScalars.count == length && text.unicodeScalars.allSatisfy { alphabet.contains($0) }
    }
}
