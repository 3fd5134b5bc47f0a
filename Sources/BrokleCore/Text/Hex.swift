/// Lowercase hexadecimal: trace and span ids, request ids, digests.
package enum Hex {
    private static let digits: StaticString = "0123456789abcdef"

    /// 16 lowercase hex digits of `value` at `offset`.
    package static func write(_ value: UInt64, into out: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        for index in 0..<16 {
            out[offset + index] = digits.utf8Start[Int((value >> (60 - 4 * UInt64(index))) & 0x0f)]
        }
    }

    /// 16 lowercase hex digits of `value`, appended.
    package static func append(_ value: UInt64, to out: inout [UInt8]) {
        for shift in stride(from: 60, through: 0, by: -4) { out.append(digits.utf8Start[Int((value >> UInt64(shift)) & 0x0f)]) }
    }

    /// `bytes` as lowercase hex, two digits a byte (a digest's usual text), in one allocation.
    package static func string(bytes: some Collection<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            var index = 0
            for byte in bytes {
                out[index] = digits.utf8Start[Int(byte >> 4)]
                out[index + 1] = digits.utf8Start[Int(byte & 0x0f)]
                index += 2
            }
            return index
        }
    }

    /// The number written in `count` (≤ 16) hex digits at `offset`; nil on any other character.
    /// Upper-case digits are refused, as `traceparent` allows only lower case.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int, count: Int) -> UInt64? {
        var value: UInt64 = 0
        for byte in bytes[offset..<offset + count] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            default: return nil
            }
            value = value << 4 | UInt64(digit)
        }
        return value
    }
}
