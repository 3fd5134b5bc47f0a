import HTTPTypes
import Instrumentation

/// The W3C trace context headers of an incoming request, and nothing else: the tracer's
/// propagator reads only these, so no other header (an `Authorization` with a key) can reach a
/// span or a diagnostic.
struct IncomingTraceContext: Sendable {
    static let traceparent = HTTPField.Name("traceparent")!
    static let tracestate = HTTPField.Name("tracestate")!

    var traceparent: String?
    var tracestate: String?

    init(_ headers: HTTPFields) {
        traceparent = headers[Self.traceparent]
        tracestate = headers[Self.tracestate]
    }

    struct Reader: Extractor {
        func extract(key: String, from carrier: IncomingTraceContext) -> String? {
            switch key {
            case "traceparent": carrier.traceparent
            case "tracestate": carrier.tracestate
            default: nil
            }
        }
    }
}

/// Writes a span's trace context into the headers of an upstream call.
struct TraceHeaderWriter: Injector {
    func inject(_ value: String, forKey key: String, into carrier: inout [(String, String)]) {
        carrier.removeAll { $0.0 == key }
        carrier.append((key, value))
    }
}
