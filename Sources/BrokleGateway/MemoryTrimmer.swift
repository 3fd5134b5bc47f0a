import CBrokleMemory
import ServiceLifecycle

/// Hands memory back to the system once the gateway goes quiet: after a burst (1,000 open
/// streams, a load test) the C allocator keeps the freed pages, so the process would stay at its
/// peak size. When no request has started for a whole `interval` and none is in flight, this asks
/// the allocator to release its free pages — once per quiet spell, never while serving.
final class MemoryTrimmer: Service {
    let metrics: GatewayMetrics
    let interval: Duration

    init(metrics: GatewayMetrics, interval: Duration = .seconds(1)) {
        self.metrics = metrics
        self.interval = interval
    }

    func run() async throws {
        var seen = metrics.requestsStarted
        var trimmed = true
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
            } catch {
                return
            }
            let started = metrics.requestsStarted
            if started != seen {
                seen = started
                trimmed = false
            } else if !trimmed && metrics.requestsInFlight == 0 {
                _ = brokle_release_free_memory()
                trimmed = true
            }
        }
    }
}
