/// Writing the assembled answer's JSON into bytes, once, when the stream ends: keys as written
/// here, values either kept string text (``JSONText``, already escaped) or JSON copied from the
/// events as it came.
extension [UInt8] {
    mutating func write(_ text: StaticString) {
        append(contentsOf: UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// The comma before a member or an element, unless it is the first of its object or array.
    mutating func separate() {
        guard !isEmpty else { return }
        let last = self[count - 1]
        if last != UInt8(ascii: "{"), last != UInt8(ascii: "[") { append(UInt8(ascii: ",")) }
    }

    /// `"key":`, after a comma unless it opens its object.
    mutating func writeKey(_ key: StaticString) {
        separate()
        append(UInt8(ascii: "\""))
        write(key)
        write("\":")
    }

    /// A key as it came (its bytes between the quotes), after a comma unless it opens its object.
    mutating func writeKey(_ key: UnsafeRawBufferPointer) {
        separate()
        append(UInt8(ascii: "\""))
        append(contentsOf: key)
        write("\":")
    }

    /// Kept string text (``JSONText``) as a JSON string.
    mutating func writeString(_ text: [UInt8]) {
        append(UInt8(ascii: "\""))
        append(contentsOf: text)
        append(UInt8(ascii: "\""))
    }

    /// Kept string text as a JSON string, or `null` when there is none.
    mutating func writeString(orNull text: [UInt8]?) {
        if let text { writeString(text) } else { write("null") }
    }

    mutating func writeInteger(_ value: Int) {
        var digits = Swift.abs(value)
        if value < 0 { append(UInt8(ascii: "-")) }
        var divisor = 1
        while divisor <= digits / 10 { divisor *= 10 }
        while divisor > 0 {
            append(UInt8(ascii: "0") + UInt8(digits / divisor))
            digits %= divisor
            divisor /= 10
        }
    }
}
