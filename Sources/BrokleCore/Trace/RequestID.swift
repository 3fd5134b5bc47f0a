/// A gateway request id: `req_` and 32 hex digits — 48 bits of the time in milliseconds, then 80
/// random bits (the layout of a UUIDv7, without its version bits). Ids made later sort later, so
/// the traces table's id index grows at its end instead of at a random page for every trace (a
/// random id made the index the trace writer's largest cost).
package enum RequestID {
    package static func make(milliseconds: UInt64, random: (UInt64, UInt64)) -> String {
        let high = (milliseconds & 0xFFFF_FFFF_FFFF) << 16 | (random.0 & 0xFFFF)
        // Written into one allocation: the id is made for every request.
        return String(unsafeUninitializedCapacity: 36) { out in
            for (index, byte) in "req_".utf8.enumerated() { out[index] = byte }
            Hex.write(high, into: out, at: 4)
            Hex.write(random.1, into: out, at: 20)
            return 36
        }
    }
}
