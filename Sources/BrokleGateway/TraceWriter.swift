import BrokleCore
import BrokleSettings
import BrokleStorage
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Takes finished traces off the request path and makes sure none is lost.
///
/// `enqueue` never waits on the database: this service writes the queue in batches every
/// `interval`, each within `writeTimeout`. While the database is down the traces stay queued, and
/// once the queue is half full they go to the spill folder (``TraceSpill``) to keep memory bounded;
/// a request that finds the queue full spills it itself rather than drop anything. Spilled traces are
/// read back as soon as the database answers again, and on the next start. On graceful shutdown it
/// stops after the HTTP server has drained, writes what is queued (within `writeTimeout`), and
/// spills whatever the database would not take. A trace is lost only if the spill folder cannot be
/// written either (counted in `brokle_traces_dropped_total`, logged, and in ``lostCount``).
///
/// It is also the gateway's only database writer, so it flushes `last_used_at` too.
package final class TraceWriter: Service, Sendable {
    private let queue: Mutex<Queue>
    /// The flush in progress, if any: flushes run one after another, so "flushed" means written.
    private let lastFlush = Mutex<Task<Bool, Never>?>(nil)
    let store: TraceStore
    let keys: KeyStore
    let usage: KeyUsageRecorder
    let spill: TraceSpill
    let ingest: SpillIngest
    let monitor: DatabaseMonitor?
    let capacity: Int
    let contentCapacity: Int
    let interval: Duration
    let usageInterval: Duration
    let retryInterval: Duration
    let writeTimeout: Duration
    let metrics: GatewayMetrics
    let logger: Logger
    /// Told of every batch once it is stored (the dashboard's live events).
    let written: (@Sendable ([TraceRecord]) -> Void)?

    init(
        store: TraceStore, keys: KeyStore, usage: KeyUsageRecorder, monitor: DatabaseMonitor? = nil,
        settings: GatewaySettings, metrics: GatewayMetrics, logger: Logger, written: (@Sendable ([TraceRecord]) -> Void)? = nil
    ) {
        self.written = written
        self.queue = Mutex(Queue(spans: SpanBacklog(capacity: settings.telemetry.maxQueueSize)))
        self.store = store
        self.keys = keys
        self.usage = usage
        self.spill = TraceSpill(directory: settings.spillDirectory)
        self.ingest = SpillIngest(store.database)
        self.monitor = monitor
        self.capacity = settings.traceQueueCapacity
        self.contentCapacity = settings.traceQueueContentBytes
        self.interval = .seconds(settings.traceFlushInterval)
        self.usageInterval = .seconds(settings.keyUsageFlushInterval)
        self.retryInterval = .seconds(settings.databaseRetryInterval)
        self.writeTimeout = .seconds(settings.traceWriteTimeout)
        self.metrics = metrics
        self.logger = logger
    }

    /// Queues a trace, and its spans for export when it has any. At capacity, the queue (this
    /// trace included) is spilled to disk first; false only when that fails too and the trace is
    /// lost (counted and logged).
    @discardableResult
    func enqueue(_ trace: TraceRecord, spans: RequestSpans? = nil) -> Bool {
        let (overflow, depth) = queue.withLock { queue -> ([TraceRecord]?, Int) in
            queue.append(trace)
            if let spans { queue.spans.append(spans) }
            let overflow = queue.takeOverflow(capacity: capacity, contentCapacity: contentCapacity)
            return (overflow, queue.pending.count)
        }
        metrics.traceQueueDepth.record(depth)
        guard let overflow else { return true }
        return spillOrCountLost(overflow, keyUsage: [:], reason: "the trace queue is full")
    }

    package var queuedCount: Int { queue.withLock { $0.pending.count } }

    /// Spans waiting for the exporter.
    var spansWaiting: Int { queue.withLock { $0.spans.spans } }

    /// The oldest waiting spans, up to `maxSpans` (`atLeast`: none unless that many wait), and
    /// the spans refused for a full backlog since the last call.
    func takeSpans(maxSpans: Int, atLeast: Int = 1) -> (requests: [RequestSpans], dropped: Int) {
        queue.withLock { queue in
            let dropped = queue.spans.takeDropped()
            guard queue.spans.spans >= max(1, atLeast) else { return ([], dropped) }
            return (queue.spans.take(maxSpans: maxSpans), dropped)
        }
    }
    /// Traces that could be neither written nor spilled.
    package var lostCount: Int { queue.withLock { $0.lost } }
    /// Traces written to the spill folder by this process.
    package var spilledCount: Int { queue.withLock { $0.spilled } }

    package func run() async throws {
        await ingestSpilled()
        var lastUsageFlush = ContinuousClock.now
        var lastAttempt = ContinuousClock.now
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
            guard !Task.isShuttingDownGracefully && !Task.isCancelled else { break }
            // While the database is known to be down, or writes keep failing, try less often.
            let reachable = monitor?.isUp ?? true
            let failing = queue.withLock { $0.failing }
            if reachable && (!failing || ContinuousClock.now - lastAttempt >= retryInterval) {
                lastAttempt = .now
                if await flush(), queue.withLock({ $0.spillWaiting }) { await ingestSpilled() }
                if ContinuousClock.now - lastUsageFlush >= usageInterval {
                    await flushUsage()
                    lastUsageFlush = .now
                }
            }
            // Not writing: keep memory bounded.
            if (!reachable || queue.withLock({ $0.failing })) && queuedCount >= max(1, capacity / 2) {
                spillQueued(reason: "the database is not taking traces")
            }
        }
        await shutDown()
    }

    /// Graceful shutdown: the HTTP server stopped first (services stop in reverse order), so
    /// nothing more arrives. Write what is left, or spill it.
    func shutDown() async {
        if monitor?.isUp ?? true {
            await flush()
            await flushUsage()
        }
        let leftUsage = usage.take()
        let left = queue.withLock { $0.takeAll() }
        if !left.isEmpty || !leftUsage.isEmpty {
            spillOrCountLost(left, keyUsage: leftUsage, reason: "stopping while the database is unreachable")
        }
        let (lost, spilled) = queue.withLock { ($0.lost, $0.spilled) }
        if lost > 0 {
            logger.error("trace writer stopped; traces were lost", metadata: ["trace.lost": "\(lost)", "trace.spilled": "\(spilled)"])
        } else {
            logger.info("trace writer stopped", metadata: ["trace.spilled": "\(spilled)", "spill.folder": "\(spill.directory)"])
        }
    }

    /// Writes everything queued now, after any flush already writing (the run loop's and a
    /// caller's never overlap, so when this returns the traces queued before it are stored). On a
    /// database error the batch goes back to the front of the queue. True when it was written.
    @discardableResult
    func flush() async -> Bool {
        let task = lastFlush.withLock { last -> Task<Bool, Never> in
            let previous = last
            let next = Task { [self] in
                _ = await previous?.value
                return await writeQueued()
            }
            last = next
            return next
        }
        return await task.value
    }

    private func writeQueued() async -> Bool {
        let batch = queue.withLock { $0.takeAll() }
        metrics.traceQueueDepth.record(0)
        guard !batch.isEmpty else { return true }
        let started = ContinuousClock.now
        do {
            try await store.insert(batch, timeout: writeTimeout)
            monitor?.succeeded()
            metrics.tracesWritten.increment(by: batch.count)
            written?(batch)
            writesFailing(nil)
            return true
        } catch {
            monitor?.failed(.writeTraces, error, started: started)
            writesFailing(error)
            let overflow = queue.withLock { queue -> [TraceRecord]? in
                queue.putBack(batch)
                return queue.takeOverflow(capacity: capacity, contentCapacity: contentCapacity)
            }
            metrics.traceQueueDepth.record(queuedCount)
            if let overflow { spillOrCountLost(overflow, keyUsage: [:], reason: "the trace queue is full") }
            return false
        }
    }

    /// Records whether writes fail, and says so once each way. An unreachable database is the
    /// monitor's to report; this speaks for a database that answers but will not take the rows (a
    /// full or read-only SQLite disk, a PostgreSQL out of space).
    private func writesFailing(_ error: BrokleError?) {
        let logNow = queue.withLock { queue -> Bool in
            guard queue.failing != (error != nil) else { return false }
            queue.failing = error != nil
            return queue.failureLog.allow()
        }
        guard logNow, monitor?.isUp ?? true else { return }
        if let error {
            logger.error(
                "cannot write traces: keeping them queued, spilling them to disk past half the queue",
                metadata: [
                    "error": "\(error.message)", "spill.folder": "\(spill.directory)",
                ])
        } else {
            logger.warning("traces are being written again")
        }
    }

    func flushUsage() async {
        let started = ContinuousClock.now
        do {
            try await usage.flush(to: keys, timeout: writeTimeout)
        } catch {
            monitor?.failed(.recordKeyUsage, error, started: started)
            logger.debug("could not record key usage; will retry", metadata: ["error": "\(error.message)"])
        }
    }

    /// Moves the whole queue to a spill file.
    private func spillQueued(reason: String) {
        let batch = queue.withLock { $0.takeAll() }
        metrics.traceQueueDepth.record(0)
        spillOrCountLost(batch, keyUsage: [:], reason: reason)
    }

    @discardableResult
    private func spillOrCountLost(_ traces: [TraceRecord], keyUsage: [String: Date], reason: String) -> Bool {
        do {
            let file = try spill.write(traces: traces, keyUsage: keyUsage)
            queue.withLock {
                $0.spilled += traces.count
                $0.spillWaiting = true
            }
            metrics.tracesSpilled.increment(by: traces.count)
            logger.warning(
                "traces spilled to disk", metadata: ["reason": "\(reason)", "trace.count": "\(traces.count)", "spill.file": "\(file)"])
            return true
        } catch {
            let logNow = queue.withLock { queue -> Bool in
                queue.lost += traces.count
                return queue.lossLog.allow()
            }
            metrics.tracesDropped.increment(by: traces.count)
            if logNow {
                logger.error(
                    "traces lost: the database and the spill folder both refused them",
                    metadata: [
                        "reason": "\(reason)", "error": "\(error.message)", "trace.count": "\(traces.count)",
                    ])
            }
            return false
        }
    }

    /// Reads spill files (this process's, and those left by earlier runs) into the database.
    func ingestSpilled() async {
        let started = ContinuousClock.now
        let (done, error) = await ingest.ingestPending(spill, timeout: writeTimeout)
        for file in done {
            metrics.tracesIngested.increment(by: file.inserted)
            logger.warning(
                "ingested spilled traces",
                metadata: [
                    "spill.file": "\(file.file)", "trace.count": "\(file.traces)", "trace.inserted": "\(file.inserted)",
                    "spill.invalid_lines": "\(file.invalidLines)",
                ])
        }
        if let error {
            monitor?.failed(.ingestSpill, error, started: started)
            logger.warning("could not ingest spilled traces yet; will retry", metadata: ["error": "\(error.message)"])
        } else {
            let waiting = !spill.pending().isEmpty
            queue.withLock { $0.spillWaiting = waiting }
        }
    }
}
