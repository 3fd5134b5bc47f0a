import BrokleCore
import BrokleProviders
import NIOCore

/// What one request keeps for its spans while it is served: its trace context, and — only what
/// the spans will read later, by reference — the whole answer and, with content capture on, the
/// client's body. No span exists on the request path: the exporter writes the spans from this and
/// the request's trace record, in batches, off the event loop (``SpanExporter``).
struct RequestTelemetry: Sendable {
    var context: TraceContext
    /// `gen_ai.operation.name`, also the first word of the span names (`chat gpt-4o`).
    var operation: String
    /// The body the client sent, when content capture is on.
    var request: ByteBuffer?
    /// The whole answer of the attempt that answered, and how to read it (not for streams).
    var answer: (body: ByteBuffer, reader: any ReplyReader)?

    /// The `traceparent` (and the caller's `tracestate`) for attempt `number`'s upstream call: the
    /// attempt's own span in the caller's trace, so the provider's spans join it.
    func headers(forAttempt number: Int) -> [(String, String)] {
        var headers = [("traceparent", context.traceparent(span: context.attemptSpanID(number)))]
        if let state = context.traceState { headers.append(("tracestate", state)) }
        return headers
    }
}
