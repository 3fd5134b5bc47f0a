/// ``OTLPWriter`` in OTLP's JSON encoding, the `http/json` body (`application/json`): protobuf's
/// JSON mapping with OTLP's exceptions — ids as lowercase hex, enums as numbers, 64-bit integers
/// as strings, lowerCamelCase keys.
package struct OTLPJSON: OTLPWriter {
    private var out: [UInt8] = []
    /// Whether a span has been written (for the comma before the next).
    private var spans = 0

    package init(resource: [(String, String)], scope: OTLPScope, capacity: Int) {
        out.reserveCapacity(capacity)
        raw(#"{"resourceSpans":[{"resource":{"attributes":["#)
        for (index, (key, value)) in resource.enumerated() {
            if index > 0 { raw(",") }
            keyValue(key, .string(value))
        }
        raw(#"]},"scopeSpans":[{"scope":{"name":"#)
        string(scope.name)
        raw(#","version":"#)
        string(scope.version)
        raw(#"},"spans":["#)
    }

    package mutating func beginSpan(_ head: OTLPSpanHead) {
        raw(spans == 0 ? #"{"traceId":""# : #",{"traceId":""#)
        spans += 1
        Hex.append(head.traceHigh, to: &out)
        Hex.append(head.traceLow, to: &out)
        raw(#"","spanId":""#)
        Hex.append(head.spanID, to: &out)
        raw(#"""#)
        if head.parentSpanID != 0 {
            raw(#","parentSpanId":""#)
            Hex.append(head.parentSpanID, to: &out)
            raw(#"""#)
        }
        if let state = head.traceState {
            raw(#","traceState":"#)
            string(state)
        }
        raw(#","name":"#)
        string(head.name)
        raw(#","kind":"#)
        raw(String(head.kind.rawValue))
        raw(#","startTimeUnixNano":""#)
        raw(String(head.startNanos))
        raw(#"","endTimeUnixNano":""#)
        raw(String(head.endNanos))
        raw(#"","attributes":["#)
        attributes = 0
    }

    /// Attributes written in the open span (for the commas).
    private var attributes = 0

    package mutating func attribute(_ key: String, _ value: OTLPValue) {
        if attributes > 0 { raw(",") }
        attributes += 1
        keyValue(key, value)
    }

    package mutating func endSpan(status: OTLPStatusCode) {
        raw("]")
        if status != .unset {
            raw(#","status":{"code":"#)
            raw(String(status.rawValue))
            raw("}")
        }
        raw("}")
    }

    package mutating func finish() -> [UInt8] {
        raw("]}]}]}")
        return out
    }

    private mutating func keyValue(_ key: String, _ value: OTLPValue) {
        raw(#"{"key":"#)
        string(key)
        raw(#","value":"#)
        anyValue(value)
        raw("}")
    }

    private mutating func anyValue(_ value: OTLPValue) {
        switch value {
        case .string(let text):
            raw(#"{"stringValue":"#)
            string(text)
        case .bool(let flag):
            raw(flag ? #"{"boolValue":true"# : #"{"boolValue":false"#)
        case .int(let number):
            raw(#"{"intValue":""#)
            raw(String(number))
            raw(#"""#)
        case .double(let number):
            raw(#"{"doubleValue":"#)
            // JSON has no NaN or infinity; the gateway's numbers are finite, but never write invalid JSON.
            raw(number.isFinite ? "\(number)" : "0")
        case .strings(let texts):
            raw(#"{"arrayValue":{"values":["#)
            for (index, text) in texts.enumerated() {
                raw(index == 0 ? #"{"stringValue":"# : #",{"stringValue":"#)
                string(text)
                raw("}")
            }
            raw("]}")
        }
        raw("}")
    }

    private mutating func raw(_ text: String) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// `text` as a JSON string: quotes, backslash and control characters escaped.
    private mutating func string(_ text: String) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let digits: StaticString = "0123456789abcdef"
                out.append(contentsOf: [
                    UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                    digits.utf8Start[Int(byte >> 4)], digits.utf8Start[Int(byte & 0x0f)],
                ])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
