import BrokleStorage
import Foundation

/// The stored responses held in process: every response not yet written (never evicted: written
/// work is the only way out), and recently stored or read ones, which the next turn of a
/// conversation reads without asking the database. Bounded by `budget` bytes for the written ones:
/// past it the least recently used go, until a quarter of it is free.
struct ResponseMemory: Sendable {
    private struct Held: Sendable {
        var response: StoredResponse
        var used: UInt64
    }

    let budget: Int
    private var held: [String: Held] = [:]
    /// Responses not yet written, in the order they came.
    private(set) var pending: [StoredResponse] = []
    private(set) var pendingBytes = 0
    private(set) var bytes = 0
    private var clock: UInt64 = 0

    init(budget: Int) { self.budget = budget }

    /// The live response `id` of `environmentID` held here.
    mutating func response(_ id: String, environmentID: String, now: Date) -> StoredResponse? {
        guard var entry = held[id], entry.response.environmentID == environmentID, entry.response.expiresAt > now else { return nil }
        clock += 1
        entry.used = clock
        held[id] = entry
        return entry.response
    }

    /// Keeps a new response, to be written.
    mutating func keep(_ response: StoredResponse) {
        pending.append(response)
        pendingBytes += response.bytes
        hold(response)
    }

    /// Keeps a response read from the database.
    mutating func hold(_ response: StoredResponse) {
        clock += 1
        if let old = held.updateValue(Held(response: response, used: clock), forKey: response.id) { bytes -= old.response.bytes }
        bytes += response.bytes
        if bytes > budget { evict() }
    }

    /// Forgets `id` (deleted), written or not.
    mutating func drop(_ id: String) {
        if let old = held.removeValue(forKey: id) { bytes -= old.response.bytes }
        removePending { $0.id == id }
    }

    /// The responses to write next, up to `limit`, left pending until ``written(_:)``.
    func batch(limit: Int) -> ArraySlice<StoredResponse> { pending.prefix(limit) }

    /// These responses were written: they leave `pending`. Returns those of them no longer pending
    /// (deleted while being written: their rows must go again).
    mutating func written(_ batch: [StoredResponse]) -> [StoredResponse] {
        let ids = Set(batch.map(\.id))
        let stillPending = Set(pending.lazy.map(\.id).filter { ids.contains($0) })
        removePending { ids.contains($0.id) }
        return batch.filter { !stillPending.contains($0.id) }
    }

    private mutating func removePending(where gone: (StoredResponse) -> Bool) {
        pending.removeAll { response in
            guard gone(response) else { return false }
            pendingBytes -= response.bytes
            return true
        }
    }

    /// Drops what is held and already written, least recently used first, until a quarter of the
    /// budget is free again (or nothing written is left).
    private mutating func evict() {
        let unwritten = Set(pending.map(\.id))
        let candidates = held.filter { !unwritten.contains($0.key) }.sorted { $0.value.used < $1.value.used }
        for (id, entry) in candidates {
            guard bytes > budget / 4 * 3 else { return }
            held.removeValue(forKey: id)
            bytes -= entry.response.bytes
        }
    }
}
