/// International bank account numbers: a country code, two check digits and the country's BBAN,
/// written together or in groups of four separated by single spaces, of exactly the country's
/// length (``IBANLengths``), whose mod-97 check holds.
extension GuardrailScan {
    mutating func scanIBANs() {
        var index = start
        while index < ownedEnd {
            guard bytes[index].isASCIIUpper, at(index + 1).isASCIIUpper, at(index + 2).isASCIIDigit, at(index + 3).isASCIIDigit,
                !at(index - 1).isWordByte
            else {
                index += 1
                continue
            }
            if let end = iban(at: index) {
                index = end
            } else {
                index += 1
            }
        }
        steps &+= ownedEnd - start
    }

    private mutating func iban(at first: Int) -> Int? {
        guard let length = IBANLengths.length(bytes[first], bytes[first + 1]) else { return nil }
        // Characters after the first four, spaces dropped; the checksum moves those four to the end.
        var remainder = 0
        var characters = 0
        var index = first
        var spaced = false
        while characters < length {
            if characters > 0, characters % 4 == 0, at(index) == UInt8(ascii: " "), characters == 4 || spaced {
                if characters == 4 { spaced = true }
                index += 1
            }
            let byte = at(index)
            guard byte.isASCIIDigit || byte.isASCIIUpper else { break }
            if characters >= 4 { remainder = Self.mod97(remainder, byte) }
            characters += 1
            index += 1
        }
        steps &+= index - first
        guard characters == length, !at(index).isWordByte else { return nil }
        for offset in 0..<4 { remainder = Self.mod97(remainder, bytes[first + offset]) }
        guard remainder == 1 else { return nil }
        add(.iban, "iban", first..<index, 1)
        return index
    }

    /// `remainder` followed by the digits of `byte` (a letter stands for 10–35), mod 97.
    private static func mod97(_ remainder: Int, _ byte: UInt8) -> Int {
        if byte.isASCIIDigit { return (remainder * 10 + Int(byte &- 0x30)) % 97 }
        return (remainder * 100 + Int(byte &- 0x41) + 10) % 97
    }
}

/// The length of each country's IBAN (SWIFT's registry), by country code.
enum IBANLengths {
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 26 * 26)
        let entries =
            "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 EE20 EG29 ES24 "
            + "FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 "
            + "LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 "
            + "RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30"
        for entry in entries.split(separator: " ") {
            let bytes = Array(entry.utf8)
            table[Int(bytes[0] - 0x41) * 26 + Int(bytes[1] - 0x41)] = (bytes[2] - 0x30) * 10 + bytes[3] - 0x30
        }
        return table
    }()

    static func length(_ first: UInt8, _ second: UInt8) -> Int? {
        let length = table[Int(first &- 0x41) * 26 + Int(second &- 0x41)]
        return length == 0 ? nil : Int(length)
    }
}
