/// ``OTLPWriter`` in Protocol Buffers, the `http/protobuf` body (`application/x-protobuf`), field
/// numbers from opentelemetry-proto's `trace/v1/trace.proto`, `common/v1/common.proto`,
/// `resource/v1/resource.proto` and `collector/trace/v1/trace_service.proto`.
package struct OTLPProtobuf: OTLPWriter {
    private var writer: ProtobufWriter
    /// Marks of the open `ResourceSpans`, `ScopeSpans` and span.
    private var resourceSpans = 0
    private var scopeSpans = 0
    private var span = 0

    package init(resource: [(String, String)], scope: OTLPScope, capacity: Int) {
        writer = ProtobufWriter(capacity: capacity)
        resourceSpans = writer.open(1)  // ExportTraceServiceRequest.resource_spans
        writer.message(1) { resourceMessage in  // ResourceSpans.resource
            for (key, value) in resource { Self.keyValue(&resourceMessage, field: 1, key, .string(value)) }
        }
        scopeSpans = writer.open(2)  // ResourceSpans.scope_spans
        writer.message(1) { scopeMessage in  // ScopeSpans.scope
            scopeMessage.stringField(1, scope.name)
            scopeMessage.stringField(2, scope.version)
        }
    }

    package mutating func beginSpan(_ head: OTLPSpanHead) {
        span = writer.open(2)  // ScopeSpans.spans
        writer.idField(1, head.traceHigh, head.traceLow)
        writer.idField(2, head.spanID)
        if let state = head.traceState { writer.stringField(3, state) }
        if head.parentSpanID != 0 { writer.idField(4, head.parentSpanID) }
        writer.stringField(5, head.name)
        writer.varintField(6, head.kind.rawValue)
        writer.fixed64Field(7, head.startNanos)
        writer.fixed64Field(8, head.endNanos)
    }

    package mutating func attribute(_ key: String, _ value: OTLPValue) {
        Self.keyValue(&writer, field: 9, key, value)  // Span.attributes
    }

    package mutating func endSpan(status: OTLPStatusCode) {
        if status != .unset {
            writer.message(15) { $0.varintField(3, status.rawValue) }  // Span.status, Status.code
        }
        writer.close(span)
    }

    package mutating func finish() -> [UInt8] {
        writer.close(scopeSpans)
        writer.close(resourceSpans)
        return writer.bytes
    }

    /// A `KeyValue` in `field`.
    private static func keyValue(_ writer: inout ProtobufWriter, field: Int, _ key: String, _ value: OTLPValue) {
        writer.message(field) { pair in
            pair.stringField(1, key, always: true)
            pair.message(2) { any in anyValue(&any, value) }
        }
    }

    /// The fields of an `AnyValue`; its `oneof` member is written even when it holds a default.
    private static func anyValue(_ writer: inout ProtobufWriter, _ value: OTLPValue) {
        switch value {
        case .string(let text):
            writer.stringField(1, text, always: true)
        case .bool(let flag):
            writer.tag(2, .varint)
            writer.varint(flag ? 1 : 0)
        case .int(let number):
            writer.tag(3, .varint)
            writer.varint(UInt64(bitPattern: number))
        case .double(let number):
            writer.doubleField(4, number)
        case .strings(let texts):
            writer.message(5) { array in  // ArrayValue
                for text in texts { array.message(1) { $0.stringField(1, text, always: true) } }
            }
        }
    }
}
