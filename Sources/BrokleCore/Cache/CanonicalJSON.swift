import Foundation

/// One text per JSON value, so two request bodies that mean the same thing give the same cache key
/// however their bytes differ (key order, whitespace, `1` vs `1.0`, `"\u00e9"` vs `"é"`).
///
/// - Objects: keys sorted by their UTF-8 bytes (the same as Unicode scalar order; RFC 8785 sorts by
///   UTF-16 code units instead, which differs only between keys beyond U+FFFF and keys in
///   U+E000–U+FFFF), no whitespace anywhere.
/// - Numbers: one text per value whether it came as an `.int` or a `.double`. Integral values within
///   ±2^53 (where every integer is exact as a double) print as integers, so `1`, `1.0`, `1e0` and
///   `10E-1` are all `1`, and `-0` is `0`; other doubles print in the shortest form that reads back
///   the same, with a bare exponent (`1e100`, `1.5e-7`). Integers beyond 2^53 keep all their digits.
/// - Strings: `\"`, `\\`, `\b` `\f` `\n` `\r` `\t`, other control characters as `\u00xx`; every other
///   character as its UTF-8 bytes. Unicode normalisation is left alone: `é` and `e` + U+0301 are
///   different JSON strings and stay different.
package enum CanonicalJSON {
    /// The canonical bytes of `value`.
    package static func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out)
        return out
    }

    /// Parses a JSON document from outside the process (nesting checked, see
    /// ``JSONNesting``) and returns its canonical bytes. Throws when `json` is not JSON.
    package static func bytes(parsing json: [UInt8]) throws -> [UInt8] {
        bytes(try JSONDecoder().decode(JSONValue.self, fromUntrusted: json))
    }

    private static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): out.append(contentsOf: String(number).utf8)
        case .double(let number): out.append(contentsOf: text(of: number).utf8)
        case .string(let string): writeString(string, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, member) in sorted.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Integers up to 2^53 are exact in a double, so printing them as integers loses nothing.
    private static let exactIntegerLimit = 9_007_199_254_740_992.0

    static func text(of number: Double) -> String {
        guard number.isFinite else { return "null" }  // JSON has no NaN or infinity; a decoder never makes one.
        if number == number.rounded(), abs(number) <= exactIntegerLimit {
            return String(Int64(number))  // -0.0 becomes 0 here too.
        }
        // Swift's description is the shortest text that reads back the same; only the exponent
        // varies in shape (`1e+100`, `1.5e-07`), so it is trimmed to one spelling.
        let description = number.description
        guard let e = description.firstIndex(of: "e") else { return description }
        let mantissa = description[..<e]
        var exponent = description[description.index(after: e)...]
        var negative = false
        if exponent.first == "+" || exponent.first == "-" {
            negative = exponent.first == "-"
            exponent = exponent.dropFirst()
        }
        let digits = exponent.drop { $0 == "0" }
        return "\(mantissa)e\(negative ? "-" : "")\(digits.isEmpty ? "0" : String(digits))"
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: Array(#"\u00"#.utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
