/// E-mail addresses: `local@domain` with an ASCII local part of at most 64 bytes and a dotted
/// domain of at most 253 whose last label is two or more letters.
///
/// Anchored on `@`: from each one the scan reads back to the first byte a local part cannot hold
/// and forward to the first a domain cannot, and both stop at the next `@`, so all the `@`s of a
/// text together read each byte at most twice. Not taken: a local part that runs past 64 bytes
/// (the tail of a longer word), `git@github.com:org/repo` (an SSH remote: the domain is followed by
/// `:` and a path), `https://user:password@host.example` (a local part after `/` or `:`, except
/// `mailto:`), and `icon@2x.png` (an image extension as the top-level domain). Addresses with
/// other non-ASCII local parts, or non-ASCII domains, are not recognised; a CJK word right before
/// the local part is a boundary, not part of it.
extension GuardrailScan {
    static let maxLocalPart = 64
    static let maxDomain = 253

    mutating func scanEmails() {
        var index = start
        while index < ownedEnd {
            let at = index
            index += 1
            guard bytes[at] == UInt8(ascii: "@") else { continue }
            email(at: at)
        }
        steps &+= ownedEnd - start
    }

    private mutating func email(at sign: Int) {
        var localStart = sign
        let floor = max(0, sign - Self.maxLocalPart - 1)
        while localStart > floor {
            let before = bytes[localStart - 1]
            if Self.isLocalPartByte(before) {
                localStart -= 1
            } else if before &- 0x80 < 0x40, localStart - 2 >= floor, bytes[localStart - 2] &- 0xC3 < 7 {
                // A Latin letter with a diacritic (U+00C0–U+024F): `jörg@…` is one address.
                localStart -= 2
            } else {
                break
            }
        }
        steps &+= sign - localStart + 1
        guard sign - localStart <= Self.maxLocalPart else { return }
        while localStart < sign, bytes[localStart] == UInt8(ascii: ".") { localStart += 1 }
        // `scheme://user:password@host` is a URL's credentials, not an address.
        let before = at(localStart - 1)
        if before == UInt8(ascii: "/") { return }
        if before == UInt8(ascii: ":"), !matchesIgnoringCase("mailto", at: localStart - 7) { return }
        guard localStart < sign, bytes[sign - 1] != UInt8(ascii: ".") else { return }

        // Labels of letters, digits and inner hyphens, joined by single dots.
        var index = sign + 1
        let stop = min(limit, index + Self.maxDomain)
        var labelStart = index
        var lastLabel = index..<index
        var labels = 0
        while true {
            while index < stop, bytes[index].isASCIIAlphanumeric || bytes[index] == UInt8(ascii: "-") { index += 1 }
            let label = labelStart..<index
            guard !label.isEmpty, bytes[label.lowerBound] != UInt8(ascii: "-"), bytes[label.upperBound - 1] != UInt8(ascii: "-"),
                label.count <= 63
            else { break }
            lastLabel = label
            labels += 1
            guard index + 1 < stop, bytes[index] == UInt8(ascii: "."), bytes[index + 1].isASCIIAlphanumeric else { break }
            index += 1
            labelStart = index
        }
        steps &+= index - sign
        guard labels >= 2, lastLabel.count >= 2 else { return }
        for offset in lastLabel where !bytes[offset].isASCIILetter { return }
        let end = lastLabel.upperBound
        let next = at(end)
        guard !next.isWordByte, next != UInt8(ascii: "@") else { return }
        if next == UInt8(ascii: ":"), at(end + 1) > 0x20 { return }
        if isImageExtension(lastLabel) { return }
        add(.email, "email", localStart..<end, 0.98)
    }

    private static func isLocalPartByte(_ byte: UInt8) -> Bool {
        if byte.isASCIIAlphanumeric { return true }
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "%"), UInt8(ascii: "+"), UInt8(ascii: "-"): return true
        default: return false
        }
    }

    private func isImageExtension(_ label: Range<Int>) -> Bool {
        let start = label.lowerBound
        switch label.count {
        case 3:
            return matchesIgnoringCase("png", at: start) || matchesIgnoringCase("jpg", at: start) || matchesIgnoringCase("gif", at: start)
                || matchesIgnoringCase("svg", at: start)
        case 4: return matchesIgnoringCase("jpeg", at: start) || matchesIgnoringCase("webp", at: start)
        default: return false
        }
    }
}
