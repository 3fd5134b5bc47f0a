import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Takes finished traces off the request path: `enqueue` never waits (a full queue drops the trace,
/// counts it and logs), and this service writes them in batches every `interval`. It is also the
/// gateway's only database writer, so it flushes `last_used_at` too. On graceful shutdown it stops
/// after the HTTP server has drained and writes everything still queued.
public final class TraceWriter: Service, Sendable {
    struct Queue {
        var pending: [TraceRecord] = []
        var dropped = 0
        var lastDropLog: ContinuousClock.Instant?
    }

    private let queue = Mutex(Queue())
    /// The flush in progress, if any: flushes run one after another, so "flushed" means written.
    private let lastFlush = Mutex<Task<Void, Never>?>(nil)
    let store: TraceStore
    let keys: KeyStore
    let usage: KeyUsageRecorder
    let capacity: Int
    let interval: Duration
    let usageInterval: Duration
    let metrics: GatewayMetrics
    let logger: Logger

    init(store: TraceStore, keys: KeyStore, usage: KeyUsageRecorder, settings: GatewaySettings, metrics: GatewayMetrics, logger: Logger) {
        self.store = store
        self.keys = keys
        self.usage = usage
        self.capacity = settings.traceQueueCapacity
        self.interval = .milliseconds(Int64(settings.traceFlushInterval * 1000))
        self.usageInterval = .milliseconds(Int64(settings.keyUsageFlushInterval * 1000))
        self.metrics = metrics
        self.logger = logger
    }

    /// Queues a trace; returns false (and counts a drop) when the queue is full.
    @discardableResult
    func enqueue(_ trace: TraceRecord) -> Bool {
        let (accepted, depth, logDrop) = queue.withLock { queue -> (Bool, Int, Bool) in
            guard queue.pending.count < capacity else {
                queue.dropped += 1
                let now = ContinuousClock.now
                let log = queue.lastDropLog.map { now - $0 > .seconds(10) } ?? true
                if log { queue.lastDropLog = now }
                return (false, queue.pending.count, log)
            }
            queue.pending.append(trace)
            return (true, queue.pending.count, false)
        }
        metrics.traceQueueDepth.record(depth)
        if !accepted {
            metrics.tracesDropped.increment()
            if logDrop { logger.warning("trace queue full: dropping traces", metadata: ["trace.queue.capacity": "\(capacity)"]) }
        }
        return accepted
    }

    public var queuedCount: Int { queue.withLock { $0.pending.count } }
    public var droppedCount: Int { queue.withLock { $0.dropped } }

    public func run() async throws {
        var lastUsageFlush = ContinuousClock.now
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await Task.sleep(for: interval)
            await flush()
            if ContinuousClock.now - lastUsageFlush >= usageInterval {
                await flushUsage()
                lastUsageFlush = .now
            }
        }
        // Graceful shutdown: the HTTP server stopped first (services stop in reverse order), so
        // nothing more arrives. Write what is left.
        await flush()
        await flushUsage()
        logger.info("trace writer stopped", metadata: ["trace.dropped": "\(droppedCount)"])
    }

    /// Writes everything queued now, after any flush already writing (the run loop's and a
    /// caller's never overlap, so when this returns the traces queued before it are stored). On a
    /// database error the batch goes back to the front of the queue (as far as capacity allows).
    func flush() async {
        let task = lastFlush.withLock { last -> Task<Void, Never> in
            let previous = last
            let next = Task { [self] in
                await previous?.value
                await writeQueued()
            }
            last = next
            return next
        }
        await task.value
    }

    private func writeQueued() async {
        let batch = queue.withLock { queue -> [TraceRecord] in
            defer { queue.pending.removeAll(keepingCapacity: true) }
            return queue.pending
        }
        metrics.traceQueueDepth.record(0)
        guard !batch.isEmpty else { return }
        do {
            try await store.insert(batch)
            metrics.tracesWritten.increment(by: batch.count)
        } catch {
            logger.error("could not write traces; will retry", metadata: ["error": "\(error.message)", "trace.count": "\(batch.count)"])
            queue.withLock { queue in
                let room = max(0, capacity - queue.pending.count)
                let kept = Array(batch.prefix(room))
                queue.dropped += batch.count - kept.count
                queue.pending.insert(contentsOf: kept, at: 0)
            }
        }
    }

    func flushUsage() async {
        do {
            try await usage.flush(to: keys)
        } catch {
            logger.warning("could not record key usage; will retry", metadata: ["error": "\(error.message)"])
        }
    }
}
