import BrokleCore
import BrokleSettings
import BrokleStorage
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Prunes traces and captured content past their retention (the defaults and each organization's
/// own, read again every time) every `BROKLE_PRUNE_INTERVAL`, from the start, off the request path.
/// Each database call has a time limit; while the database is away a prune fails, and the next
/// interval tries again — logged once when it starts failing and once when it works again.
final class TracePruning: Service, Sendable {
    let pruner: TracePruner
    let settings: RequestLogSettings
    let metrics: GatewayMetrics
    let logger: Logger
    private let failing = Mutex(false)

    init(database: Database, settings: RequestLogSettings, metrics: GatewayMetrics, logger: Logger) {
        var pruner = TracePruner(database)
        pruner.timeout = .seconds(10)
        self.pruner = pruner
        self.settings = settings
        self.metrics = metrics
        self.logger = logger
    }

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            // A shutdown stops a prune between two batches.
            try? await cancelWhenGracefulShutdown { await self.prune() }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(self.settings.pruneInterval)) }
        }
    }

    /// One prune; what it removed goes to `brokle_pruned_rows_total`, its end to
    /// `brokle_prune_last_success_timestamp_seconds`.
    func prune() async {
        do {
            let rules = try await pruner.rules(traceRetention: settings.traceRetention, contentRetention: settings.contentRetention)
            let report = try await pruner.prune(rules.cuts(now: Date()))
            metrics.pruned(report)
            let recovered = failing.withLock { failing -> Bool in
                defer { failing = false }
                return failing
            }
            if recovered { logger.info("trace pruning works again") }
            if report.traces + report.attempts + report.contents > 0 {
                logger.info(
                    "pruned traces past their retention",
                    metadata: [
                        "traces": "\(report.traces)", "attempts": "\(report.attempts)", "contents": "\(report.contents)",
                        "partitions.dropped": "\(report.partitionsDropped.count)",
                    ])
            }
        } catch {
            metrics.databaseError(operation: "prune_traces")
            let first = failing.withLock { failing -> Bool in
                defer { failing = true }
                return !failing
            }
            if first {
                logger.warning(
                    "trace pruning failed; trying again every interval", metadata: ["error": "\(error.message)"])
            }
        }
    }
}
