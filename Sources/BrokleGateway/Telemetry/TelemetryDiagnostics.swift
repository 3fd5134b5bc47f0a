import BrokleCore
import Logging
import Synchronization

/// swift-otel's diagnostic logger, turned into what an operator needs: every span the exporter
/// loses counted in `brokle_otel_spans_dropped_total`, and one warning per interval at most, on
/// the gateway's own logger. swift-otel reports lost spans only through this logger (its batch
/// processor and exporter are internal), so the messages of the pinned version are matched here;
/// the tests that point the gateway at a failing collector check the counting still holds.
/// Nothing of the library's metadata is passed on: it may describe a request's headers.
struct TelemetryDiagnostics: LogHandler {
    /// What is shared by the copies swift-log makes of a handler.
    final class Sink: Sendable {
        let metrics: GatewayMetrics
        let logger: Logger
        private let state: Mutex<(throttle: Throttle, unreported: Int)>

        init(metrics: GatewayMetrics, logger: Logger, interval: Duration) {
            self.metrics = metrics
            self.logger = logger
            state = Mutex((Throttle(every: interval), 0))
        }

        func dropped(_ count: Int, reason: String) {
            guard count > 0 else { return }
            metrics.otelSpansDropped(count, reason: reason)
            let report = state.withLock { state -> Int? in
                state.unreported += count
                guard state.throttle.allow() else { return nil }
                defer { state.unreported = 0 }
                return state.unreported
            }
            if let report {
                logger.warning(
                    "OpenTelemetry spans dropped: the collector is down, slow or refusing them, or the export queue is full",
                    metadata: ["otel.spans.dropped": "\(report)", "reason": "\(reason)"])
            }
        }

        /// Any other warning from the library: its message only, at most once per interval.
        func other(_ message: Logger.Message, level: Logger.Level) {
            let allowed = state.withLock { $0.throttle.allow() }
            if allowed { logger.log(level: level, "OpenTelemetry: \(message)") }
        }
    }

    let sink: Sink
    var metadata: Logger.Metadata = [:]

    /// Fixed at warning: lost spans are reported at that level, whatever `OTEL_LOG_LEVEL` asks of
    /// the library's own chatter.
    var logLevel: Logger.Level {
        get { .warning }
        set {}
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        switch event.message.description {
        case "Failed to export batch.":
            sink.dropped(Self.count(all["batch_size"]), reason: "export_failed")
        case "Spans were dropped this iteration because queue was full":
            sink.dropped(Self.count(all["dropped_count"]), reason: "queue_full")
        default:
            sink.other(event.message, level: event.level)
        }
    }

    private static func count(_ value: Logger.Metadata.Value?) -> Int {
        value.flatMap { Int($0.description) } ?? 0
    }
}
