/// PEM private keys: `-----BEGIN … PRIVATE KEY-----` through the matching `-----END …-----` line
/// (RSA, EC, DSA, OpenSSH, PKCS #8, encrypted, PGP `PRIVATE KEY BLOCK`).
///
/// The END line is looked for up to ``maxPEMBytes`` on, and the search stops at another
/// `-----BEGIN`, so each byte is searched once however many headers there are. A block with no END
/// in reach (cut off, or longer than any real key) is still a secret: the finding covers the header
/// and the base64 lines after it, up to that limit, with less confidence.
extension GuardrailScan {
    /// An RSA 8192-bit key is about 6.4 KB of PEM; this leaves room and stays under the windows'
    /// overlap.
    static let maxPEMBytes = 12 * 1024

    mutating func scanPEMs() {
        var index = start
        while index < ownedEnd {
            guard bytes[index] == UInt8(ascii: "-"), at(index + 4) == UInt8(ascii: "-"), matches("-----BEGIN ", at: index) else {
                index += 1
                continue
            }
            index = pem(at: index)
        }
        steps &+= ownedEnd - start
    }

    /// Adds the block at `first` if its header names a private key; returns where the scan goes on.
    private mutating func pem(at first: Int) -> Int {
        let labelStart = first + 11
        let labelEnd = runEnd(from: labelStart, cap: 40) { $0.isASCIIUpper || $0 == UInt8(ascii: " ") || $0.isASCIIDigit }
        guard matches("-----", at: labelEnd) else { return labelStart }
        let isPrivateKey =
            (labelEnd - labelStart >= 11 && matches("PRIVATE KEY", at: labelEnd - 11))
            || (labelEnd - labelStart >= 17 && matches("PRIVATE KEY BLOCK", at: labelEnd - 17))
        guard isPrivateKey else { return labelEnd }
        let bodyStart = labelEnd + 5
        let reach = min(limit, first + Self.maxPEMBytes)
        var index = bodyStart
        while index < reach {
            if bytes[index] == UInt8(ascii: "-"), matches("-----", at: index) {
                if matches("-----END ", at: index) {
                    let close = runEnd(from: index + 9, cap: 40) { $0.isASCIIUpper || $0 == UInt8(ascii: " ") || $0.isASCIIDigit }
                    if matches("-----", at: close), close + 5 - first <= Self.maxPEMBytes {
                        steps &+= index - bodyStart
                        add(.secret, "pem_private_key", first..<(close + 5), 0.99)
                        return close + 5
                    }
                }
                if matches("-----BEGIN", at: index) { break }
            }
            index += 1
        }
        steps &+= index - bodyStart
        // No END: the header and the base64 that follows it (newlines, written or escaped, included).
        var end = bodyStart
        while end < reach {
            let byte = bytes[end]
            if byte.isASCIIAlphanumeric || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
                || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
            {
                end += 1
            } else if byte == UInt8(ascii: "\\"), at(end + 1) == UInt8(ascii: "n") || at(end + 1) == UInt8(ascii: "r") {
                end += 2
            } else {
                break
            }
        }
        steps &+= end - bodyStart
        while end > bodyStart, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        add(.secret, "pem_private_key", first..<end, 0.9)
        return max(end, index)
    }
}
