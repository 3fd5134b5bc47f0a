import Foundation

/// Keeps `api_keys.last_used_at` current without a database write per request: the gateway records
/// each use in memory (the newest time per key) and a periodic flush writes them in one transaction.
public actor KeyUsageRecorder {
    private var pending: [String: Date] = [:]

    public init() {}

    public func record(keyID: String, at date: Date = Date()) {
        if let existing = pending[keyID], existing >= date { return }
        pending[keyID] = date
    }

    /// Number of keys waiting to be written.
    public var pendingCount: Int { pending.count }

    /// Writes what has been recorded since the last flush. On failure the entries are kept for the
    /// next try (merged with newer ones).
    public func flush(to store: KeyStore) async throws(BrokleError) {
        let batch = pending
        pending = [:]
        do {
            try await store.recordUsage(batch)
        } catch {
            for (id, date) in batch where (pending[id] ?? .distantPast) < date { pending[id] = date }
            throw error
        }
    }
}
