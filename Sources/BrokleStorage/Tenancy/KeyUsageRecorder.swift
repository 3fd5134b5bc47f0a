import BrokleCore
import Foundation
import Synchronization

/// Keeps `api_keys.last_used_at` current without a database write per request: the gateway records
/// each use in memory (the newest time per key) and a periodic flush writes them in one transaction.
/// Recording takes a lock for one dictionary update, so the request path never hops to another
/// executor for it.
package final class KeyUsageRecorder: Sendable {
    private let pending = Mutex<[String: Date]>([:])

    package init() {}

    package func record(keyID: String, at date: Date = Date()) {
        pending.withLock { pending in
            if let existing = pending[keyID], existing >= date { return }
            pending[keyID] = date
        }
    }

    /// Number of keys waiting to be written.
    package var pendingCount: Int { pending.withLock { $0.count } }

    /// Writes what has been recorded since the last flush. On failure the entries are kept for the
    /// next try (merged with newer ones).
    package func flush(to store: KeyStore, timeout: Duration? = nil) async throws(BrokleError) {
        let batch = take()
        do {
            try await store.recordUsage(batch, timeout: timeout)
        } catch {
            pending.withLock { pending in
                for (id, date) in batch where (pending[id] ?? .distantPast) < date { pending[id] = date }
            }
            throw error
        }
    }

    /// Everything recorded and not yet written, leaving nothing behind (for the spill file).
    package func take() -> [String: Date] {
        pending.withLock { pending in
            defer { pending = [:] }
            return pending
        }
    }
}
