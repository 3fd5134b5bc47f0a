/// Protocol Buffers' wire format (https://protobuf.dev/programming-guides/encoding/), written
/// straight from the gateway's own values: varints, fixed-width numbers and length-delimited
/// fields into one growing byte array. Enough for OTLP's messages; no reflection, no per-field
/// objects. A nested message whose length is not known in advance is written with
/// ``message(_:_:)``, which writes its body, then puts the length varint in front of it.
package struct ProtobufWriter: Sendable {
    package private(set) var bytes: [UInt8] = []

    package init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    enum WireType: UInt64 {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
    }

    mutating func tag(_ field: Int, _ type: WireType) {
        varint(UInt64(field) << 3 | type.rawValue)
    }

    package mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// An `int64`, `uint64`, `int32` (non-negative), enum or `bool` field; skipped when 0, as
    /// proto3 writes no default.
    package mutating func varintField(_ field: Int, _ value: UInt64) {
        guard value != 0 else { return }
        tag(field, .varint)
        varint(value)
    }

    /// A `fixed64` field (OTLP's nanosecond timestamps); skipped when 0.
    package mutating func fixed64Field(_ field: Int, _ value: UInt64) {
        guard value != 0 else { return }
        tag(field, .fixed64)
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A `double` field, written even when 0 (inside a `oneof`, where presence matters).
    package mutating func doubleField(_ field: Int, _ value: Double) {
        tag(field, .fixed64)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A `string` field; skipped when empty unless `always` (a `oneof` member).
    package mutating func stringField(_ field: Int, _ value: String, always: Bool = false) {
        let count = value.utf8.count
        guard count > 0 || always else { return }
        tag(field, .lengthDelimited)
        varint(UInt64(count))
        var value = value
        value.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// A `bytes` field of `values`, each written big-endian (OTLP's trace and span ids).
    package mutating func idField(_ field: Int, _ values: UInt64...) {
        tag(field, .lengthDelimited)
        varint(UInt64(values.count * 8))
        for value in values { withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) } }
    }

    /// A field holding a message whose body `write` produces; the length goes in front of it
    /// afterwards (one move of the body's bytes). Written even when the body is empty.
    package mutating func message(_ field: Int, _ write: (inout ProtobufWriter) -> Void) {
        let start = open(field)
        write(&self)
        close(start)
    }

    /// Starts a length-delimited field whose body follows; ``close(_:)`` with the returned mark
    /// ends it. Marks close innermost first.
    package mutating func open(_ field: Int) -> Int {
        tag(field, .lengthDelimited)
        return bytes.count
    }

    /// Ends the field opened at `start`: its length, as a varint, goes in front of its body.
    package mutating func close(_ start: Int) {
        var prefix: (UInt64, UInt64) = (0, 0)
        let size = withUnsafeMutableBytes(of: &prefix) { raw -> Int in
            var value = UInt64(bytes.count - start)
            var index = 0
            while value >= 0x80 {
                raw[index] = UInt8(truncatingIfNeeded: value) | 0x80
                value >>= 7
                index += 1
            }
            raw[index] = UInt8(value)
            return index + 1
        }
        withUnsafeBytes(of: prefix) { bytes.insert(contentsOf: $0.prefix(size), at: start) }
    }
}
