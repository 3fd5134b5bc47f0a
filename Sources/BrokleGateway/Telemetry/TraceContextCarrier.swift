import HTTPTypes

/// The W3C trace context headers of an incoming request, and nothing else: only these are read,
/// so no other header (an `Authorization` with a key) can reach a span.
struct IncomingTraceContext: Sendable {
    static let traceparent = HTTPField.Name("traceparent")!
    static let tracestate = HTTPField.Name("tracestate")!

    var traceparent: String?
    var tracestate: String?

    init(_ headers: HTTPFields) {
        traceparent = headers[Self.traceparent]
        tracestate = headers[Self.tracestate]
    }
}
