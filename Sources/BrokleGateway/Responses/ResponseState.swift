import BrokleCore
import BrokleSettings
import BrokleStorage
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The Responses API's stored responses, shared by every request: a new one is kept in memory at
/// once (the next turn finds it without the database) and written in batches by this service, off
/// the request path; reads go to memory first, then the database within the lookup timeout.
///
/// A write that fails stays pending and is tried again on the next tick, so a database restart
/// loses nothing; only while the database stays away long enough for the unwritten responses to
/// fill four times the memory budget are the oldest dropped — counted in
/// `brokle_responses_store_errors_total{operation="overflow"}` and logged.
final class ResponseState: Service, Sendable {
    private struct Shared {
        var memory: ResponseMemory
        var failureLog = Throttle(every: .seconds(10))
    }

    let reads: ResponseStore
    let writes: ResponseStore
    let settings: ResponsesSettings
    let monitor: DatabaseMonitor?
    let metrics: GatewayMetrics
    let logger: Logger
    private let shared: Mutex<Shared>
    private let flushes = SerialGate()

    init(
        reads: ResponseStore, writes: ResponseStore, settings: ResponsesSettings, monitor: DatabaseMonitor?, metrics: GatewayMetrics,
        logger: Logger
    ) {
        self.reads = reads
        self.writes = writes
        self.settings = settings
        self.monitor = monitor
        self.metrics = metrics
        self.logger = logger
        self.shared = Mutex(Shared(memory: ResponseMemory(budget: settings.memoryBytes)))
    }

    /// When a response stored now expires.
    func expiry(from now: Date) -> Date { now.addingTimeInterval(settings.retention) }

    /// Keeps `response`: readable at once, written with the next batch.
    func keep(_ response: StoredResponse) {
        let overflowed = shared.withLock { shared -> Int in
            shared.memory.keep(response)
            var dropped = 0
            while shared.memory.pending.count > 1, shared.memory.pendingBytes > settings.memoryBytes * 4 {
                shared.memory.drop(shared.memory.pending[0].id)
                dropped += 1
            }
            return dropped
        }
        if overflowed > 0 {
            failed(
                "overflow", BrokleError(.databaseUnavailable, "\(overflowed) stored responses dropped: the database is not taking writes"))
        }
    }

    /// The live response `id` of `environmentID`; nil when there is none (or it is another
    /// environment's). Throws a 503 when only the database could say and it does not answer.
    func response(_ id: String, environmentID: String) async throws(GatewayError) -> StoredResponse? {
        let now = Date()
        if let held = shared.withLock({ $0.memory.response(id, environmentID: environmentID, now: now) }) { return held }
        do {
            guard let read = try await reads.response(id: id, environmentID: environmentID, now: now, timeout: lookupTimeout) else {
                return nil
            }
            shared.withLock { $0.memory.hold(read) }
            return read
        } catch {
            failed("lookup", error)
            throw GatewayError(
                status: 503, type: "api_error", code: "database_unavailable",
                message: "Stored responses cannot be read right now; try again shortly.")
        }
    }

    /// Deletes response `id` of `environmentID`; whether there was one.
    func delete(_ id: String, environmentID: String) async throws(GatewayError) -> Bool {
        let now = Date()
        let held = shared.withLock { shared -> Bool in
            let found = shared.memory.response(id, environmentID: environmentID, now: now) != nil
            if found { shared.memory.drop(id) }
            return found
        }
        do {
            let deleted = try await writes.delete(id: id, environmentID: environmentID, timeout: lookupTimeout)
            return held || deleted
        } catch {
            failed("delete", error)
            throw GatewayError(
                status: 503, type: "api_error", code: "database_unavailable",
                message: "The response cannot be deleted right now; try again shortly.")
        }
    }

    private var lookupTimeout: Duration { .seconds(settings.lookupTimeout) }

    func run() async throws {
        // Expired responses are not found anyway: their first sweep can wait an interval rather
        // than add a write to every start.
        await WriteLoop.run(
            every: settings.writeInterval, sweepEvery: settings.sweepInterval, sweepsAtStart: false, flush: flush, sweep: sweep)
        let left = shared.withLock { $0.memory.pending.count }
        if left > 0 {
            metrics.responsesStoreError(operation: "shutdown", count: left)
            logger.error("stored responses: \(left) could not be written before shutdown", metadata: ["count": "\(left)"])
        }
    }

    /// Writes what is pending, in batches; what fails stays pending for the next tick.
    func flush() async {
        try? await flushes.run { await self.write() }
    }

    private func write() async {
        while true {
            let batch = Array(shared.withLock { $0.memory.batch(limit: 200) })
            guard !batch.isEmpty else { return }
            if monitor?.isUp == false { return }
            do {
                try await writes.insert(batch, timeout: .seconds(10))
            } catch {
                failed("store", error)
                return
            }
            // A response deleted while its batch was written is a row again: delete it once more.
            let gone = shared.withLock { $0.memory.written(batch) }
            for deleted in gone {
                _ = try? await writes.delete(id: deleted.id, environmentID: deleted.environmentID, timeout: lookupTimeout)
            }
        }
    }

    /// Deletes expired responses.
    func sweep() async {
        guard monitor?.isUp ?? true else { return }
        do {
            try await writes.sweep(now: Date(), timeout: .seconds(30))
        } catch {
            failed("sweep", error)
        }
    }

    private func failed(_ operation: String, _ error: any Error) {
        metrics.responsesStoreError(operation: operation)
        if shared.withLock({ $0.failureLog.allow() }) {
            logger.warning(
                "stored responses: a database call failed; unwritten responses stay in memory and are tried again",
                metadata: [
                    "operation": "\(operation)", "error": "\((error as? BrokleError)?.message ?? String(describing: type(of: error)))",
                ])
        }
    }
}
