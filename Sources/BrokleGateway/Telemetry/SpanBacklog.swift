/// Spans waiting for export: the requests' ``RequestSpans``, bounded in spans (not requests) by
/// `OTEL_BSP_MAX_QUEUE_SIZE`. Kept inside the trace writer's queue, so a finished request hands
/// over its trace and its spans under the one lock it already takes; past the bound its spans are
/// refused and counted, never waited for.
struct SpanBacklog {
    private var waiting: [RequestSpans] = []
    /// Spans in `waiting`.
    private(set) var spans = 0
    let capacity: Int
    /// Spans refused since the exporter last asked (``takeDropped()``).
    private var dropped = 0

    init(capacity: Int) { self.capacity = capacity }

    mutating func append(_ request: RequestSpans) {
        let count = request.count
        guard spans + count <= capacity else {
            dropped += count
            return
        }
        waiting.append(request)
        spans += count
    }

    /// The oldest requests, up to `maxSpans` spans (at least one request when any waits).
    mutating func take(maxSpans: Int) -> [RequestSpans] {
        var taken = 0
        var end = 0
        while end < waiting.count, taken == 0 || taken + waiting[end].count <= maxSpans {
            taken += waiting[end].count
            end += 1
        }
        defer {
            waiting.removeFirst(end)
            spans -= taken
        }
        return Array(waiting[..<end])
    }

    /// Spans refused since the last call.
    mutating func takeDropped() -> Int {
        defer { dropped = 0 }
        return dropped
    }
}
