/// A gateway request id: `req_` and 32 hex digits — 48 bits of the time in milliseconds, then 80
/// random bits (the layout of a UUIDv7, without its version bits). Ids made later sort later, so
/// the traces table's id index grows at its end instead of at a random page for every trace (a
/// random id made the index the trace writer's largest cost).
public enum RequestID {
    public static func make(milliseconds: UInt64, random: (UInt64, UInt64)) -> String {
        let high = (milliseconds & 0xFFFF_FFFF_FFFF) << 16 | (random.0 & 0xFFFF)
        return "req_" + hex(high) + hex(random.1)
    }

    /// 16 lowercase hex digits.
    private static func hex(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { out in
            let digits: StaticString = "0123456789abcdef"
            for index in 0..<16 {
                out[index] = digits.utf8Start[Int((value >> (60 - 4 * UInt64(index))) & 0x0f)]
            }
            return 16
        }
    }
}
