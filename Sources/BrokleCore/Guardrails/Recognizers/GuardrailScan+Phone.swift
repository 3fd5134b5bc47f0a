/// Phone numbers: `+` and a country code with 8–15 digits in any grouping, or a national number
/// with 7–12 digits in a known shape: US `(415) 555-0100`, `415-555-0100`, `415.555.0100`,
/// `1-800-555-0100`; numbers with a trunk `0` such as UK `020 7946 0958`, `07700 900123`, DE
/// `030 12345678`, `030/12345678`, FR `01 23 45 67 89`. A word like "call", "phone" or "tel" just before lets any
/// grouping (or an ungrouped run) through; a word like "order", "invoice" or "tracking" rules the
/// number out.
///
/// Never a phone number: dates (`2024-01-15`, `15.01.2024`), ZIP+4 codes (`02110-1301`),
/// SSN-shaped `123-45-6789`, groups of
/// four (card and tracking numbers), thousands (`12 345 678`), dotted numbers other than
/// `415.555.0100` and `01.23.45.67.89` (IPs, versions), anything glued to letters (UUIDs, hashes,
/// product codes) and an ungrouped run of digits without a phone word before it.
///
/// Each candidate is read once, and the scan goes on where it stopped; a run longer than any phone
/// number is skipped whole, so its tail is not taken for one.
extension GuardrailScan {
    /// At most this many bytes in one candidate; a longer run is not a phone number.
    static let maxPhoneBytes = 32

    static let phoneContext = ContextWords(
        supporting: [
            "phone", "tel", "mobil", "cell", "call", "fax", "whatsapp", "sms", "contact", "dial", "ring", "text", "reach", "handy",
            "tél", "teléfono", "telefone", "rückruf", "anruf", "llam", "appel", "電話", "телефон",
        ],
        against: [
            "order", "invoice", "ref", "account", "acct", "track", "sku", "serial", "isbn", "ticket", "transaction", "txn", "confirm",
            "batch", "item", "product", "part", "model", "iban", "card", "ssn", "social", "security", "zip", "postcode", "version",
            "build", "receipt", "customer", "booking", "reservation", "case", "claim", "policy", "license", "member", "employee",
        ],
        exactAgainst: ["id", "no", "nr", "po", "lot", "num", "number", "pin"])

    mutating func scanPhones() {
        var index = start
        while index < ownedEnd {
            let byte = bytes[index]
            guard byte.isASCIIDigit || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "("), numberMayStart(at: index) else {
                index += 1
                continue
            }
            index = max(index + 1, phone(at: index))
        }
        steps &+= ownedEnd - start
    }

    /// The digit groups of one candidate: their lengths (up to 15), and which was in parentheses.
    private struct PhoneShape {
        var lengths = SIMD16<UInt8>()
        var count = 0
        var digits = 0
        var parenthesized = -1

        mutating func append(_ length: Int, parenthesized: Bool) {
            if count < 16 { lengths[count] = UInt8(truncatingIfNeeded: length) }
            if parenthesized { self.parenthesized = count }
            count += 1
            digits += length
        }

        func matches(_ shape: [UInt8]) -> Bool {
            guard count == shape.count else { return false }
            for index in 0..<count where lengths[index] != shape[index] { return false }
            return true
        }
    }

    /// Reads the candidate at `first`, adds it if it is a phone number, and returns where it ends.
    private mutating func phone(at first: Int) -> Int {
        var index = first
        let plus = bytes[index] == UInt8(ascii: "+")
        if plus { index += 1 }
        var shape = PhoneShape()
        var separatorKind: UInt8 = 0
        let stop = min(limit, first + Self.maxPhoneBytes)
        while true {
            let parenthesized = at(index) == UInt8(ascii: "(")
            if parenthesized { index += 1 }
            let groupStart = index
            while index < stop, bytes[index].isASCIIDigit { index += 1 }
            let length = index - groupStart
            if parenthesized {
                guard length > 0, at(index) == UInt8(ascii: ")") else { return index }
                index += 1
            }
            guard length > 0 else { return index }
            shape.append(length, parenthesized: parenthesized)
            // Longer than any phone number: skip the whole run, not to take its tail.
            if index >= first + Self.maxPhoneBytes { return endOfNumber(from: index) }

            // The separator: free in an international number (`+55 11 92722-4237`) or after `(…)`,
            // otherwise the same all the way.
            let separator = at(index)
            let free = parenthesized || plus
            if parenthesized, separator.isASCIIDigit { continue }
            guard
                separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") || separator == UInt8(ascii: ".")
                    || separator == UInt8(ascii: "/"),
                at(index + 1).isASCIIDigit
                    || (separator == UInt8(ascii: " ") && at(index + 1) == UInt8(ascii: "(") && at(index + 2).isASCIIDigit)
            else { break }
            if !free {
                if separatorKind == 0 {
                    separatorKind = separator
                } else if separator != separatorKind {
                    break
                }
            }
            index += 1
        }
        steps &+= index - first
        guard numberMayEnd(at: index) else { return index }
        if let confidence = phoneConfidence(shape, plus: plus, separator: separatorKind, first: first) {
            add(.phone, plus ? "international" : "national", first..<index, confidence)
        }
        return index
    }

    private mutating func phoneConfidence(_ shape: PhoneShape, plus: Bool, separator: UInt8, first: Int) -> Double? {
        guard plus ? (8...15).contains(shape.digits) : (7...12).contains(shape.digits) else { return nil }
        let context = contextSignal(before: first, Self.phoneContext)
        guard context >= 0 else { return nil }
        if plus { return context > 0 ? 0.95 : 0.9 }
        if shape.count == 1 && shape.parenthesized < 0 { return context > 0 ? 0.8 : nil }
        // Dates, SSNs, card and tracking numbers, thousands, US ZIP+4 codes.
        if shape.matches([5, 4]) && separator == UInt8(ascii: "-") { return nil }
        if shape.matches([4, 2, 2]) || shape.matches([2, 2, 4]) || shape.matches([3, 2, 4]) || shape.matches([4, 6, 5]) { return nil }
        if shape.count >= 2 && (0..<min(shape.count, 16)).allSatisfy({ shape.lengths[$0] == 4 }) { return nil }
        if shape.count >= 2 && (1..<min(shape.count, 16)).allSatisfy({ shape.lengths[$0] == 3 }) && shape.lengths[0] <= 3 { return nil }
        if separator == UInt8(ascii: ".") && !(shape.matches([3, 3, 4]) || shape.matches([2, 2, 2, 2, 2])) { return nil }
        if context > 0 { return 0.95 }
        let leading = bytes[first] == UInt8(ascii: "(") ? at(first + 1) : bytes[first]
        let american = shape.matches([3, 3, 4]) || (shape.matches([1, 3, 3, 4]) && leading == UInt8(ascii: "1"))
        let trunk = leading == UInt8(ascii: "0") && (9...11).contains(shape.digits) && shape.lengths[0] <= 5
        return american || trunk ? 0.85 : nil
    }
}
