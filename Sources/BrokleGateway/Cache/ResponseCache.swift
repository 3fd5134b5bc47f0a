import BrokleCore
import BrokleSettings
import BrokleStorage
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The response cache's storage side, shared by every request: finds stored answers (memory first,
/// then the database within `lookupTimeout`), takes new ones and hit counts off the request path,
/// and as a service writes them in batches and sweeps expired and over-cap entries.
///
/// It fails open: a database that is slow, down or refusing writes makes lookups miss and writes
/// go unstored (counted in `brokle_cache_errors_total`, logged at most once per 10 s), and never
/// fails or slows a request past the lookup timeout. Unlike traces, a cache write that cannot be
/// stored is dropped: the next miss stores the answer again.
final class ResponseCache: Service, Sendable {
    struct Pending {
        var entries: [CacheEntry] = []
        var hits: [String: Int] = [:]
        var failureLog = Throttle(every: .seconds(10))
    }

    let reads: CacheStore
    let writes: CacheStore
    let settings: CacheSettings
    let monitor: DatabaseMonitor?
    let metrics: GatewayMetrics
    let logger: Logger
    private let memory: Mutex<CacheMemory>
    private let pending = Mutex(Pending())
    /// Flushes run one after another, so a flush that returns has written what was pending then.
    private let flushes = SerialGate()

    init(reads: CacheStore, writes: CacheStore, settings: CacheSettings, monitor: DatabaseMonitor?, metrics: GatewayMetrics, logger: Logger)
    {
        self.reads = reads
        self.writes = writes
        self.settings = settings
        self.monitor = monitor
        self.metrics = metrics
        self.logger = logger
        self.memory = Mutex(CacheMemory(budget: settings.memoryBytes, refresh: settings.refresh))
    }

    private var lookupTimeout: Duration { .seconds(settings.lookupTimeout) }
    private var databaseUp: Bool { monitor?.isUp ?? true }

    /// The live entry stored under `key`: from memory when read within the refresh interval, else
    /// from the database (a stale memory copy when the database does not answer).
    func entry(key: String) async -> CacheEntry? {
        let now = Date()
        let found = memory.withLock { $0.entry(key, now: now) }
        if case .entry(let entry) = found { return entry }
        let stale: CacheEntry? = if case .stale(let entry) = found { entry } else { nil }
        guard databaseUp else { return stale }
        do {
            guard let entry = try await reads.entry(key: key, now: now, timeout: lookupTimeout) else {
                if let stale { memory.withLock { $0.drop(key, partition: stale.partition) } }
                return nil
            }
            memory.withLock { $0.hold(entry, now: now) }
            return entry
        } catch {
            failed("lookup", error)
            return stale
        }
    }

    /// The closest live entry of `partition` at or above `threshold` whose prompt the
    /// ``SemanticGuard`` lets stand in for `text`, with its similarity.
    func nearest(partition: String, vector: [Float], text: String, threshold: Double) async -> (entry: CacheEntry, similarity: Double)? {
        let now = Date()
        if !memory.withLock({ $0.isFresh(partition: partition, now: now) }) && databaseUp {
            do {
                let candidates = try await reads.candidates(
                    partition: partition, now: now, limit: settings.maxEntriesPerScope, timeout: lookupTimeout)
                memory.withLock { $0.hold(partition: partition, candidates: candidates, dimension: vector.count, now: now) }
            } catch {
                failed("lookup", error)
            }
        }
        guard let near = memory.withLock({ $0.nearest(partition: partition, vector: vector, threshold: threshold, now: now) }) else {
            return nil
        }
        guard SemanticGuard.allows(text, near.prompt) else { return nil }
        guard let entry = await entry(key: near.key) else { return nil }
        return (entry, near.similarity)
    }

    /// Keeps `entry` (served from memory at once; written with the next batch).
    func store(_ entry: CacheEntry) {
        memory.withLock { $0.hold(entry, now: Date()) }
        let kept = pending.withLock { pending in
            guard pending.entries.count < settings.queueCapacity else { return false }
            pending.entries.append(entry)
            return true
        }
        if !kept { metrics.cacheError(operation: "overflow") }
    }

    /// Counts a hit (written with the next batch: `hits`, `last_hit_at` for the LRU).
    func hit(_ key: String) {
        pending.withLock { $0.hits[key, default: 0] += 1 }
    }

    /// Entries and bytes in memory (for `/health/cache`).
    var held: (entries: Int, partitions: Int, bytes: Int) {
        memory.withLock { ($0.entries.count, $0.partitions.count, $0.bytes) }
    }

    func run() async throws {
        await WriteLoop.run(every: settings.writeInterval, sweepEvery: settings.sweepInterval, flush: flush, sweep: sweep)
    }

    /// Writes what is pending: new entries, then hit counts. Dropped (counted) when it fails.
    func flush() async {
        try? await flushes.run { await write() }
    }

    private func write() async {
        let (entries, hits) = pending.withLock { pending in
            defer {
                pending.entries.removeAll(keepingCapacity: true)
                pending.hits.removeAll(keepingCapacity: true)
            }
            return (pending.entries, pending.hits)
        }
        guard !entries.isEmpty || !hits.isEmpty else { return }
        guard databaseUp else {
            metrics.cacheError(operation: "store")
            return
        }
        do {
            try await writes.insert(entries, timeout: .seconds(5))
            try await writes.touch(hits, at: Date(), timeout: .seconds(5))
        } catch {
            failed("store", error)
        }
    }

    /// Deletes expired and over-cap entries and updates the entry gauges.
    func sweep() async {
        guard databaseUp else { return }
        do {
            let now = Date()
            try await writes.sweep(now: now, maxPerScope: settings.maxEntriesPerScope, timeout: .seconds(30))
            let totals = try await writes.totals(now: now, timeout: .seconds(10))
            metrics.cacheEntries.record(totals.entries)
            metrics.cacheBytes.record(totals.bytes)
        } catch {
            failed("sweep", error)
        }
    }

    private func failed(_ operation: String, _ error: any Error) {
        metrics.cacheError(operation: operation)
        let log = pending.withLock { $0.failureLog.allow() }
        if log {
            logger.warning(
                "response cache: a database call failed; requests go on without the cache meanwhile",
                metadata: [
                    "operation": "\(operation)", "error": "\((error as? BrokleError)?.message ?? String(describing: type(of: error)))",
                ])
        }
    }
}
