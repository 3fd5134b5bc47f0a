/// Payment card numbers: 13–19 digits, ungrouped or grouped by single spaces or dashes, whose Luhn
/// check holds and whose prefix belongs to a known brand (the detail names it). A number that
/// fails Luhn is not a card, whatever it looks like.
///
/// A grouped number may be followed by more digits after a space (`4111 1111 1111 1111 123`, a
/// CVV): the longest prefix ending at a group that is a valid card is taken. A word like "batch",
/// "reference" or "id" just before rules the number out (one in ten random numbers passes Luhn).
extension GuardrailScan {
    static let cardContext = ContextWords(
        supporting: ["card", "visa", "mastercard", "amex", "credit", "debit", "pan"],
        against: ["batch", "order", "reference", "track", "invoice", "transaction", "request", "trace", "span", "serial", "account"],
        exactAgainst: ["id", "ref", "no", "nr"])

    mutating func scanCards() {
        var index = start
        while index < ownedEnd {
            guard bytes[index].isASCIIDigit, numberMayStart(at: index) else {
                index += 1
                continue
            }
            index = max(index + 1, card(at: index))
        }
        steps &+= ownedEnd - start
    }

    /// Reads the run of digit groups at `first` (up to 19 digits), adds the card in it if there is
    /// one, and returns where the run ends.
    private mutating func card(at first: Int) -> Int {
        var digits = SIMD32<UInt8>()
        var count = 0
        // The digit count and end offset at each group's end, for the prefixes worth checking.
        var groupDigits = SIMD8<UInt8>()
        var groupEnds = SIMD8<Int32>()
        var groups = 0
        var separatorKind: UInt8 = 0
        var index = first
        while true {
            let groupStart = index
            while count <= 19, at(index).isASCIIDigit {
                if count < 32 { digits[count] = bytes[index] &- 0x30 }
                count += 1
                index += 1
            }
            steps &+= index - groupStart
            guard count <= 19 else { return endOfNumber(from: index) }
            if groups < 8 {
                groupDigits[groups] = UInt8(count)
                groupEnds[groups] = Int32(truncatingIfNeeded: index - first)
            }
            groups += 1
            let separator = at(index)
            guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-"), at(index + 1).isASCIIDigit,
                separatorKind == 0 || separatorKind == separator, groups < 8
            else { break }
            separatorKind = separator
            index += 1
        }
        guard count >= 13 else { return index }
        if contextSignal(before: first, Self.cardContext) < 0 { return index }
        if numberMayEnd(at: index), let brand = Self.cardBrand(digits, count: count) {
            add(.card, brand, first..<index, 1)
            return index
        }
        // A grouped number followed by more digits after a space: try the shorter prefixes.
        if separatorKind == UInt8(ascii: " ") {
            var group = min(groups, 8) - 2
            while group >= 0 {
                let prefixCount = Int(groupDigits[group])
                if prefixCount >= 13, let brand = Self.cardBrand(digits, count: prefixCount) {
                    add(.card, brand, first..<(first + Int(groupEnds[group])), 1)
                    break
                }
                group -= 1
            }
        }
        return index
    }

    /// The brand of a card number whose Luhn check holds, or nil.
    static func cardBrand(_ digits: SIMD32<UInt8>, count: Int) -> String? {
        guard luhnHolds(digits, count: count) else { return nil }
        func prefix(_ length: Int) -> Int {
            var value = 0
            for index in 0..<length { value = value * 10 + Int(digits[index]) }
            return value
        }
        let one = prefix(1)
        let two = prefix(2)
        let three = prefix(3)
        let four = prefix(4)
        switch true {
        case two == 34 || two == 37: return count == 15 ? "amex" : nil
        case (51...55).contains(two) || (2221...2720).contains(four): return count == 16 ? "mastercard" : nil
        case four == 6011 || two == 65 || (644...649).contains(three): return count >= 16 ? "discover" : nil
        case (3528...3589).contains(four): return count >= 16 ? "jcb" : nil
        case two == 36 || two == 38 || (300...305).contains(three): return count >= 14 ? "diners" : nil
        case two == 62: return count >= 16 ? "unionpay" : nil
        case one == 4: return count == 13 || count == 16 || count == 19 ? "visa" : nil
        default: return nil
        }
    }

    static func luhnHolds(_ digits: SIMD32<UInt8>, count: Int) -> Bool {
        var sum = 0
        var double = false
        for index in stride(from: count - 1, through: 0, by: -1) {
            var digit = Int(digits[index])
            if double {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
            double.toggle()
        }
        return sum % 10 == 0
    }
}
