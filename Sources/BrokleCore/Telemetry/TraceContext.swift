/// A W3C trace context (https://www.w3.org/TR/trace-context/): the ids that tie a request's spans
/// to the caller's trace and the provider's. Read from an incoming `traceparent`, written into the
/// `traceparent` of each upstream call. Pure: the gateway supplies the random bits.
package struct TraceContext: Sendable, Equatable {
    /// The 128-bit trace id, high and low halves; never both zero.
    package var traceHigh: UInt64
    package var traceLow: UInt64
    /// This participant's span (the request's SERVER span); never zero.
    package var spanID: UInt64
    /// The caller's span, or 0 for a trace this request starts.
    package var parentSpanID: UInt64
    /// Whether this request's spans are recorded and exported (the `sampled` trace flag).
    package var sampled: Bool
    /// The caller's `tracestate`, passed on unchanged (nil when it sent none).
    package var traceState: String?

    package init(traceHigh: UInt64, traceLow: UInt64, spanID: UInt64, parentSpanID: UInt64, sampled: Bool, traceState: String?) {
        self.traceHigh = traceHigh
        self.traceLow = traceLow
        self.spanID = spanID
        self.parentSpanID = parentSpanID
        self.sampled = sampled
        self.traceState = traceState
    }

    /// The span id of the request's attempt `number` (1, 2, …): derived from the request's span id,
    /// so the id sent upstream in `traceparent` and the one exported later agree without being
    /// kept. Distinct for every attempt of a request, and never zero.
    package func attemptSpanID(_ number: Int) -> UInt64 {
        let mixed = Self.mix(spanID &+ UInt64(truncatingIfNeeded: number) &* 0x9E37_79B9_7F4A_7C15)
        return mixed == 0 ? 1 : mixed
    }

    /// The `traceparent` header naming `span` (the attempt's span) in this trace:
    /// `00-<32 hex>-<16 hex>-<flags>`.
    package func traceparent(span: UInt64) -> String {
        String(unsafeUninitializedCapacity: 55) { out in
            out[0] = UInt8(ascii: "0")
            out[1] = UInt8(ascii: "0")
            out[2] = UInt8(ascii: "-")
            Hex.write(traceHigh, into: out, at: 3)
            Hex.write(traceLow, into: out, at: 19)
            out[35] = UInt8(ascii: "-")
            Hex.write(span, into: out, at: 36)
            out[52] = UInt8(ascii: "-")
            out[53] = UInt8(ascii: "0")
            out[54] = UInt8(ascii: sampled ? "1" : "0")
            return 55
        }
    }

    /// The parts of a `traceparent` header: nil when it is not one (wrong length or version 00's
    /// layout, non-hex digits, an all-zero trace or span id, version `ff`). A later version is read
    /// by its first four fields, as the specification asks.
    package static func parse(traceparent text: String) -> (traceHigh: UInt64, traceLow: UInt64, parent: UInt64, sampled: Bool)? {
        var text = text
        return text.withUTF8 { bytes -> (UInt64, UInt64, UInt64, Bool)? in
            guard bytes.count >= 55, bytes[2] == UInt8(ascii: "-"), bytes[35] == UInt8(ascii: "-"), bytes[52] == UInt8(ascii: "-"),
                let version = Hex.read(bytes, from: 0, count: 2), version != 0xff,
                version != 0 || bytes.count == 55,
                bytes.count == 55 || bytes[55] == UInt8(ascii: "-"),
                let high = Hex.read(bytes, from: 3, count: 16), let low = Hex.read(bytes, from: 19, count: 16),
                let parent = Hex.read(bytes, from: 36, count: 16), let flags = Hex.read(bytes, from: 53, count: 2),
                high | low != 0, parent != 0
            else { return nil }
            return (high, low, parent, flags & 1 == 1)
        }
    }

    /// SplitMix64's finaliser: a bijection on 64 bits that spreads nearby inputs apart.
    package static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
