import CoreMetrics

/// OpenTelemetry export's metrics: spans delivered, and spans that never reached the collector.
/// Labels: a reason from a fixed set.
extension GatewayMetrics {
    /// `count` spans dropped: `export_failed` (the collector was down, slow past the export
    /// timeout, or refused the batch) or `queue_full` (more spans than the export queue holds).
    func otelSpansDropped(_ count: Int, reason: String) {
        handles.counter(.init(.otelSpansDropped, reason)) {
            CoreMetrics.Counter(label: "brokle_otel_spans_dropped_total", dimensions: [("reason", reason)], factory: factory)
        }.increment(by: count)
    }

    /// `count` spans the collector accepted.
    func otelSpansExported(_ count: Int) {
        handles.counter(.init(.otelSpansExported, "")) {
            CoreMetrics.Counter(label: "brokle_otel_spans_exported_total", factory: factory)
        }.increment(by: count)
    }
}
