import BrokleCore

/// Cheap looks into one stream event's JSON, so the assembler decodes only the few events that
/// carry more than a piece of text: a key's plain string value (no escapes) found by its written
/// form, and whether a written form is there at all. JSON strings hold a quote only escaped, so
/// `"key":"` in the bytes is a key, never text. What these cannot read (an escape, a space after
/// the colon) is left to the decoding path: a miss costs time, never text.
enum StreamEventScan {
    static func needle(_ text: StaticString) -> [UInt8] {
        Array(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    static func contains(_ needle: [UInt8], in bytes: UnsafeRawBufferPointer) -> Bool {
        ByteSearch.contains(needle, in: bytes)
    }

    /// The plain string after the first `needle` (which ends with the value's opening quote); nil
    /// when there is none, or it holds an escape.
    static func plainString(after needle: [UInt8], in bytes: UnsafeRawBufferPointer) -> String? {
        guard let found = ByteSearch.firstOffset(of: needle, in: bytes) else { return nil }
        let start = found + needle.count
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""): return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            case UInt8(ascii: "\\"): return nil
            default: index += 1
            }
        }
        return nil
    }

    /// The non-negative integer after the first `needle`; nil when there is none.
    static func integer(after needle: [UInt8], in bytes: UnsafeRawBufferPointer) -> Int? {
        guard let found = ByteSearch.firstOffset(of: needle, in: bytes) else { return nil }
        var index = found + needle.count
        var value: Int?
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9"), (value ?? 0) < 1_000_000 {
            value = (value ?? 0) * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        return value
    }

    /// How many times `needle` occurs, up to `limit`.
    static func count(_ needle: [UInt8], in bytes: UnsafeRawBufferPointer, limit: Int = 2) -> Int {
        var count = 0
        var from = 0
        while count < limit, let found = ByteSearch.firstOffset(of: needle, in: bytes, from: from) {
            count += 1
            from = found + needle.count
        }
        return count
    }
}
