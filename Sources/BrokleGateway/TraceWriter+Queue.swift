import BrokleCore

extension TraceWriter {
    /// What the writer holds between flushes: the queued traces (and the bytes of content they
    /// carry), what was spilled or lost, whether writes are failing, and the spans for export.
    struct Queue {
        var pending: [TraceRecord] = []
        /// Bytes of captured content the queued traces hold (each side up to the capture's cap).
        var contentBytes = 0
        var lost = 0
        var spilled = 0
        var lossLog = Throttle(every: .seconds(10))
        /// Spill files may be waiting (set at start and after every spill).
        var spillWaiting = true
        /// The last write failed; retried every `retryInterval` until one succeeds.
        var failing = false
        var failureLog = Throttle(every: .seconds(10))
        /// Sampled requests' spans, for the OpenTelemetry exporter (``SpanExporter``).
        var spans: SpanBacklog

        mutating func append(_ trace: TraceRecord) {
            pending.append(trace)
            contentBytes += trace.content?.storedBytes ?? 0
        }

        /// A batch the database would not take, back at the front, in order.
        mutating func putBack(_ batch: [TraceRecord]) {
            pending.insert(contentsOf: batch, at: 0)
            contentBytes += batch.reduce(0) { $0 + ($1.content?.storedBytes ?? 0) }
        }

        /// Everything queued, leaving the queue empty.
        mutating func takeAll() -> [TraceRecord] {
            defer {
                pending.removeAll(keepingCapacity: true)
                contentBytes = 0
            }
            return pending
        }

        /// Everything queued when the queue is past `capacity` traces or `contentCapacity` bytes of
        /// captured content (to be spilled), else nil: with content on, a slow database must not
        /// hold gigabytes of prompts in memory.
        mutating func takeOverflow(capacity: Int, contentCapacity: Int) -> [TraceRecord]? {
            pending.count > capacity || contentBytes > contentCapacity ? takeAll() : nil
        }
    }
}
