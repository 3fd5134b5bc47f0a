/// A trace id as the database keeps it (`trace_rows.id`, `trace_attempt_rows.trace_id`): a gateway
/// id (`req_` and 32 lowercase hex digits, ``RequestID``) as its 16 bytes — 16 bytes in the row and
/// in each index instead of 36 characters; any other id (a client's own `x-brokle-request-id`,
/// `brokle seed`'s `seed-…`) as a zero byte and its UTF-8. A gateway id's first byte is the top of
/// its 48-bit millisecond clock (non-zero from 2004 to 10,889), so the two forms never meet: 16
/// bytes not starting with zero are a gateway id, anything else starts with the marker.
///
/// The views `traces` and `trace_attempts` turn the key back into text in SQL the same way
/// (migration 0016); these are the Swift halves, for binding and for what `RETURNING id` gives back.
package enum TraceKey {
    /// The stored key of `id`.
    package static func bytes(_ id: String) -> [UInt8] {
        let utf8 = id.utf8
        if utf8.count == 36, let packed = packed(utf8) { return packed }
        var out: [UInt8] = [0]
        out.reserveCapacity(utf8.count + 1)
        out.append(contentsOf: utf8)
        return out
    }

    /// The id whose key is `bytes`.
    package static func id<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        if bytes.count == 16, let first = bytes.first, first != 0 {
            return String(unsafeUninitializedCapacity: 36) { out in
                for (index, byte) in "req_".utf8.enumerated() { out[index] = byte }
                var at = 4
                for byte in bytes {
                    out[at] = hexDigit(byte >> 4)
                    out[at + 1] = hexDigit(byte & 0xF)
                    at += 2
                }
                return 36
            }
        }
        return String(decoding: bytes.dropFirst(), as: UTF8.self)
    }

    /// `req_` and 32 lowercase hex digits whose first byte is not zero, as 16 bytes; else nil.
    private static func packed(_ utf8: String.UTF8View) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: 16)
        var index = 0
        var high: UInt8 = 0
        for byte in utf8 {
            switch index {
            case 0: guard byte == UInt8(ascii: "r") else { return nil }
            case 1: guard byte == UInt8(ascii: "e") else { return nil }
            case 2: guard byte == UInt8(ascii: "q") else { return nil }
            case 3: guard byte == UInt8(ascii: "_") else { return nil }
            default:
                guard let nibble = nibble(byte) else { return nil }
                if index % 2 == 0 { high = nibble } else { out[(index - 4) / 2] = high << 4 | nibble }
            }
            index += 1
        }
        return out[0] == 0 ? nil : out
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
