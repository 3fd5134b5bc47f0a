/// IP addresses. IPv4: four decimal octets of 0–255 without leading zeros, not part of a longer
/// dotted number (`1.2.3.4.5`, `10.0.0.1.2`) and not after a word like "version" or "section".
/// IPv6: eight groups of up to four hex digits, or fewer around one `::`, the last two optionally an
/// IPv4 address. MAC addresses (six groups) and times (`12:30:45`) do not have the shape; a bare
/// pair like `Bad::Add` (a code path) is not taken. A port (`:8080`) or prefix length (`/24`) may
/// follow. Loopback and unspecified addresses (`127.0.0.1`, `0.0.0.0`, `::1`) say nothing about
/// anyone and are not reported.
extension GuardrailScan {
    static let ipContext = ContextWords(
        supporting: [],
        against: ["version", "release", "build", "section", "chapter", "figure", "table", "step", "clause", "article", "rule"],
        exactAgainst: ["v", "ver", "rev"])
    /// `ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255` is 45 bytes.
    static let maxIPv6Bytes = 45

    mutating func scanIPv4() {
        var index = start
        while index < ownedEnd {
            guard bytes[index].isASCIIDigit, !at(index - 1).isWordByte, at(index - 1) != UInt8(ascii: ".") else {
                index += 1
                continue
            }
            if let end = ipv4End(from: index), !at(end).isWordByte, !(at(end) == UInt8(ascii: ".") && at(end + 1).isASCIIDigit),
                contextSignal(before: index, Self.ipContext) >= 0
            {
                let loopback = bytes[index] == UInt8(ascii: "0") || matches("127.", at: index)
                if !loopback { add(.ip, "ipv4", index..<end, 0.9) }
                index = end
            } else {
                index = runEnd(from: index) { $0.isASCIIDigit }
            }
        }
        steps &+= ownedEnd - start
    }

    /// The end of the dotted quad at `first`, or nil.
    func ipv4End(from first: Int) -> Int? {
        var index = first
        for octet in 0..<4 {
            if octet > 0 {
                guard at(index) == UInt8(ascii: ".") else { return nil }
                index += 1
            }
            let octetStart = index
            var value = 0
            while index - octetStart < 3, at(index).isASCIIDigit {
                value = value * 10 + Int(bytes[index] &- 0x30)
                index += 1
            }
            let length = index - octetStart
            guard length > 0, value <= 255, !(length > 1 && bytes[octetStart] == UInt8(ascii: "0")), !at(index).isASCIIDigit else {
                return nil
            }
        }
        return index
    }

    /// Anchored on colons, which every IPv6 address has and prose seldom does: from each, back to
    /// the start of its run of hex digits, colons and dots (at most the longest address, plus a
    /// little); a run is read once, whatever colons it holds, and belongs to the window it starts in.
    mutating func scanIPv6() {
        var index = start
        while index < ownedEnd {
            guard bytes[index] == UInt8(ascii: ":") else {
                index += 1
                continue
            }
            var first = index
            let floor = max(0, index - Self.maxIPv6Bytes - 2)
            while first > floor, Self.isIPv6Byte(bytes[first - 1]) { first -= 1 }
            steps &+= index - first
            guard first > floor || first == 0 || !Self.isIPv6Byte(at(first - 1)) else {
                // Longer than any address: read past the run.
                index = runEnd(from: index, Self.isIPv6Byte) + 1
                continue
            }
            // The address may start only where the scan of each byte would have begun one.
            while first < index, !(bytes[first].isHexDigit || bytes[first] == UInt8(ascii: ":")) { first += 1 }
            let end = runEnd(from: index, Self.isIPv6Byte)
            if first >= start, !at(first - 1).isWordByte, at(first - 1) != UInt8(ascii: ":"), at(first - 1) != UInt8(ascii: "."),
                end - first >= 3
            {
                ipv6(first..<end)
            }
            index = end + 1
        }
        steps &+= ownedEnd - start
    }

    @inline(__always) static func isIPv6Byte(_ byte: UInt8) -> Bool {
        byte.isHexDigit || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
    }

    private mutating func ipv6(_ run: Range<Int>) {
        var end = run.upperBound
        guard !at(end).isWordByte, end - run.lowerBound <= Self.maxIPv6Bytes + 2 else { return }
        if at(end - 1) == UInt8(ascii: ".") { end -= 1 }
        if at(end - 1) == UInt8(ascii: ":"), at(end - 2) != UInt8(ascii: ":") { end -= 1 }
        guard end - run.lowerBound >= 3, end - run.lowerBound <= Self.maxIPv6Bytes, isIPv6(run.lowerBound..<end) else { return }
        add(.ip, "ipv6", run.lowerBound..<end, 0.9)
    }

    private func isIPv6(_ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        let end = range.upperBound
        var groups = 0
        var compressed = false
        var decimal = false
        var longGroup = false
        if at(index) == UInt8(ascii: ":") {
            guard at(index + 1) == UInt8(ascii: ":") else { return false }
            compressed = true
            index += 2
        }
        while index < end {
            let groupStart = index
            while index < end, bytes[index].isHexDigit {
                if bytes[index].isASCIIDigit { decimal = true }
                index += 1
            }
            if index < end, bytes[index] == UInt8(ascii: ".") {
                // An embedded IPv4 address ends the address.
                guard let quadEnd = ipv4End(from: groupStart), quadEnd == end else { return false }
                groups += 2
                break
            }
            let length = index - groupStart
            guard (1...4).contains(length) else { return false }
            if length >= 3 { longGroup = true }
            groups += 1
            guard index < end else { break }
            index += 1  // the `:`
            if index < end, bytes[index] == UInt8(ascii: ":") {
                guard !compressed else { return false }
                compressed = true
                index += 1
            } else if index == end {
                return false
            }
        }
        if compressed {
            return groups <= 7 && groups >= 2 && (decimal || groups >= 3)
        }
        // Eight groups of two are a MAC-like identifier (EUI-64), not an address.
        return groups == 8 && longGroup
    }
}
