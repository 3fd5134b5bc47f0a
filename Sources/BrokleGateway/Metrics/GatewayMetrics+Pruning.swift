import BrokleStorage
import CoreMetrics
import Foundation

extension GatewayMetrics {
    /// `brokle_pruned_rows_total{table}` and `brokle_prune_last_success_timestamp_seconds` after a prune.
    func pruned(_ report: TracePruner.Report, at now: Date = Date()) {
        for (table, rows) in [("traces", report.traces), ("trace_attempts", report.attempts), ("trace_contents", report.contents)] {
            handles.counter(.init(.prunedRows, table)) {
                CoreMetrics.Counter(label: "brokle_pruned_rows_total", dimensions: [("table", table)], factory: factory)
            }.increment(by: rows)
        }
        handles.gauge(.init(.pruneLastSuccess, "")) {
            CoreMetrics.Gauge(label: "brokle_prune_last_success_timestamp_seconds", factory: factory)
        }.record(now.timeIntervalSince1970)
    }
}
