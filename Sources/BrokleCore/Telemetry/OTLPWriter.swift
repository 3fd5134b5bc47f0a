/// One OTLP trace export (`ExportTraceServiceRequest`: one resource, one instrumentation scope,
/// its spans) written span by span, straight from the gateway's records: ``OTLPProtobuf`` for
/// `http/protobuf`, ``OTLPJSON`` for `http/json`. Generic callers are specialised, so writing a
/// span costs its bytes and nothing else — no span objects, no attribute dictionaries.
package protocol OTLPWriter {
    /// An export of spans from the service `resource` describes, by the `scope` instrumentation.
    init(resource: [(String, String)], scope: OTLPScope, capacity: Int)
    /// Starts a span; its attributes follow, then ``endSpan(status:)``.
    mutating func beginSpan(_ span: OTLPSpanHead)
    mutating func attribute(_ key: String, _ value: OTLPValue)
    mutating func endSpan(status: OTLPStatusCode)
    /// The request's bytes.
    mutating func finish() -> [UInt8]
}

/// The instrumentation scope of every span: the gateway, by name and version.
package struct OTLPScope: Sendable {
    package var name: String
    package var version: String

    package init(name: String, version: String) {
        self.name = name
        self.version = version
    }
}

/// What a span is before its attributes: ids, name, kind and times.
package struct OTLPSpanHead {
    package var traceHigh: UInt64
    package var traceLow: UInt64
    package var spanID: UInt64
    /// 0 for a root span.
    package var parentSpanID: UInt64
    package var traceState: String?
    package var name: String
    package var kind: OTLPSpanKind
    package var startNanos: UInt64
    package var endNanos: UInt64

    package init(
        traceHigh: UInt64, traceLow: UInt64, spanID: UInt64, parentSpanID: UInt64, traceState: String?, name: String,
        kind: OTLPSpanKind, startNanos: UInt64, endNanos: UInt64
    ) {
        self.traceHigh = traceHigh
        self.traceLow = traceLow
        self.spanID = spanID
        self.parentSpanID = parentSpanID
        self.traceState = traceState
        self.name = name
        self.kind = kind
        self.startNanos = startNanos
        self.endNanos = endNanos
    }
}

/// `Span.SpanKind`'s numbers.
package enum OTLPSpanKind: UInt64 {
    case server = 2
    case client = 3
}

/// `Status.StatusCode`'s numbers.
package enum OTLPStatusCode: UInt64 {
    case unset = 0
    case ok = 1
    case error = 2
}

/// An attribute's value (`AnyValue`), of the kinds the gateway's spans use.
package enum OTLPValue {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case strings([String])
}
