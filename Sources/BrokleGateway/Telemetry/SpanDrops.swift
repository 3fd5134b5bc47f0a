import BrokleCore
import Logging
import Synchronization

/// Spans that never reached the collector, made visible: every one counted by reason in
/// `brokle_otel_spans_dropped_total`, and one warning per interval at most on the gateway's logger
/// (a collector that is down for an hour is one line a minute, not a line per batch).
final class SpanDrops: Sendable {
    let metrics: GatewayMetrics
    let logger: Logger
    private let state: Mutex<(throttle: Throttle, unreported: Int)>

    init(metrics: GatewayMetrics, logger: Logger, interval: Duration) {
        self.metrics = metrics
        self.logger = logger
        state = Mutex((Throttle(every: interval), 0))
    }

    /// `count` spans lost: `export_failed` (the collector was down, slow past the export timeout,
    /// or refused the batch; `detail` says which, never with the body or headers) or `queue_full`.
    func dropped(_ count: Int, reason: String, detail: String? = nil) {
        guard count > 0 else { return }
        metrics.otelSpansDropped(count, reason: reason)
        let report = state.withLock { state -> Int? in
            state.unreported += count
            guard state.throttle.allow() else { return nil }
            defer { state.unreported = 0 }
            return state.unreported
        }
        guard let report else { return }
        var metadata: Logger.Metadata = ["otel.spans.dropped": "\(report)", "reason": "\(reason)"]
        if let detail { metadata["error"] = "\(detail)" }
        logger.warning(
            "OpenTelemetry spans dropped: the collector is down, slow or refusing them, or the export queue is full",
            metadata: metadata)
    }
}
