/// Finding a run of bytes in a body or an event without making a `String` of either: a plain scan,
/// nothing allocated (it runs on request and stream paths).
package enum ByteSearch {
    /// The offset of the first `needle` in `bytes` at or after `start`; nil when there is none.
    package static func firstOffset(of needle: [UInt8], in bytes: UnsafeRawBufferPointer, from start: Int = 0) -> Int? {
        guard let first = needle.first, start >= 0, needle.count <= bytes.count else { return nil }
        var offset = start
        while offset <= bytes.count - needle.count {
            if bytes[offset] == first {
                var matched = 1
                while matched < needle.count && bytes[offset + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return offset }
            }
            offset += 1
        }
        return nil
    }

    /// Whether `bytes` hold `needle`.
    package static func contains(_ needle: [UInt8], in bytes: UnsafeRawBufferPointer) -> Bool {
        firstOffset(of: needle, in: bytes) != nil
    }
}
