/// US Social Security numbers: `AAA-GG-SSSS` or `AAA GG SSSS`, or nine bare digits after a word
/// like "SSN". Never area 000, 666 or 900–999, group 00 or serial 0000 (the SSA issues none).
/// Spaced and bare forms are less sure than dashed ones; "order", "invoice" and the like before
/// the number rule it out.
extension GuardrailScan {
    static let ssnContext = ContextWords(
        supporting: ["ssn", "social", "security", "taxpayer"],
        against: ["order", "invoice", "ref", "account", "track", "sku", "serial", "isbn", "ticket", "transaction", "phone", "tel", "call"],
        exactAgainst: ["id", "no", "po"])

    mutating func scanSSNs() {
        var index = start
        while index < ownedEnd {
            guard bytes[index].isASCIIDigit, numberMayStart(at: index) else {
                index += 1
                continue
            }
            ssn(at: index)
            index = runEnd(from: index) { $0.isASCIIDigit }
        }
        steps &+= ownedEnd - start
    }

    private mutating func ssn(at first: Int) {
        let separator = at(first + 3)
        let end: Int
        var confidence: Double
        if separator == UInt8(ascii: "-") || separator == UInt8(ascii: " ") {
            guard digits(first, 3), at(first + 6) == separator, digits(first + 4, 2), digits(first + 7, 4) else { return }
            end = first + 11
            confidence = separator == UInt8(ascii: "-") ? 0.9 : 0.7
        } else {
            guard digits(first, 9) else { return }
            end = first + 9
            confidence = 0
        }
        guard numberMayEnd(at: end), !(at(end) == UInt8(ascii: " ") && at(end + 1).isASCIIDigit) else { return }
        let dashed = confidence > 0
        let area = value(first, 3)
        let group = value(first + (dashed ? 4 : 3), 2)
        let serial = value(first + (dashed ? 7 : 5), 4)
        guard area != 0, area != 666, area < 900, group != 0, serial != 0 else { return }
        let context = contextSignal(before: first, Self.ssnContext)
        guard context >= 0 else { return }
        if context > 0 { confidence = max(confidence, 0.9) }
        guard confidence > 0 else { return }
        add(.ssn, "ssn", first..<end, confidence)
    }

    private func digits(_ index: Int, _ count: Int) -> Bool {
        for offset in 0..<count where !at(index + offset).isASCIIDigit { return false }
        return true
    }

    private func value(_ index: Int, _ count: Int) -> Int {
        var value = 0
        for offset in 0..<count { value = value * 10 + Int(at(index + offset) &- 0x30) }
        return value
    }
}
