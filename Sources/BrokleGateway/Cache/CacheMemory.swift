import BrokleCore
import Foundation

/// The response cache's in-process part: entries recently stored, read or hit (by key), and the
/// vectors of recently searched semantic partitions. Everything read from the database is trusted
/// for `refresh` seconds, then read again. Bounded by `budget` bytes: past it the least recently
/// used quarter goes.
struct CacheMemory: Sendable {
    struct Held: Sendable {
        var entry: CacheEntry
        var readAt: Date
        var used: UInt64
    }

    struct Partition: Sendable {
        var index: VectorIndex
        var prompts: [String: (prompt: String, expiresAt: Date)]
        var readAt: Date
        var used: UInt64
        var bytes: Int
    }

    let budget: Int
    let refresh: TimeInterval
    private(set) var entries: [String: Held] = [:]
    private(set) var partitions: [String: Partition] = [:]
    private(set) var bytes = 0
    private var clock: UInt64 = 0

    init(budget: Int, refresh: TimeInterval) {
        self.budget = budget
        self.refresh = refresh
    }

    enum Found {
        /// Held and fresh.
        case entry(CacheEntry)
        /// Held but older than `refresh` (the caller reads the database, and may fall back to it).
        case stale(CacheEntry)
        case unknown
    }

    mutating func entry(_ key: String, now: Date) -> Found {
        guard var held = entries[key] else { return .unknown }
        guard held.entry.expiresAt > now else {
            forget(key)
            return .unknown
        }
        clock += 1
        held.used = clock
        entries[key] = held
        return now.timeIntervalSince(held.readAt) < refresh ? .entry(held.entry) : .stale(held.entry)
    }

    /// Holds `entry`, read from the database or just stored, as of `now`; adds it to its partition
    /// when that partition is held.
    mutating func hold(_ entry: CacheEntry, now: Date) {
        forget(entry.key)
        clock += 1
        entries[entry.key] = Held(entry: entry, readAt: now, used: clock)
        bytes += Self.weight(entry)
        if let partition = entry.partition, let vector = entry.vector, let prompt = entry.prompt, var held = partitions[partition] {
            _ = held.index.remove(id: entry.key)
            held.index.append(vector, id: entry.key)
            held.prompts[entry.key] = (prompt, entry.expiresAt)
            held.bytes += vector.count * 4 + prompt.utf8.count
            bytes += vector.count * 4 + prompt.utf8.count
            partitions[partition] = held
        }
        trim()
    }

    mutating func forget(_ key: String) {
        guard let held = entries.removeValue(forKey: key) else { return }
        bytes -= Self.weight(held.entry)
    }

    /// Whether `partition` is held and was read within `refresh`.
    func isFresh(partition: String, now: Date) -> Bool {
        guard let held = partitions[partition] else { return false }
        return now.timeIntervalSince(held.readAt) < refresh
    }

    func holds(partition: String) -> Bool { partitions[partition] != nil }

    /// Replaces what is held of `partition` with `candidates`, as read from the database at `now`.
    mutating func hold(partition: String, candidates: [CacheCandidate], dimension: Int, now: Date) {
        if let old = partitions.removeValue(forKey: partition) { bytes -= old.bytes }
        var index = VectorIndex(dimension: dimension)
        var prompts: [String: (prompt: String, expiresAt: Date)] = [:]
        var weight = 0
        for candidate in candidates where candidate.vector.count == dimension {
            index.append(candidate.vector, id: candidate.key)
            prompts[candidate.key] = (candidate.prompt, candidate.expiresAt)
            weight += dimension * 4 + candidate.prompt.utf8.count + 64
        }
        // Entries stored here but not written yet are not in `candidates`: keep them searchable.
        for held in entries.values where held.entry.partition == partition && prompts[held.entry.key] == nil {
            guard let vector = held.entry.vector, vector.count == dimension, let prompt = held.entry.prompt else { continue }
            index.append(vector, id: held.entry.key)
            prompts[held.entry.key] = (prompt, held.entry.expiresAt)
            weight += dimension * 4 + prompt.utf8.count + 64
        }
        clock += 1
        partitions[partition] = Partition(index: index, prompts: prompts, readAt: now, used: clock, bytes: weight)
        bytes += weight
        trim()
    }

    /// The closest live entry of `partition` at or above `threshold`, with its prompt.
    mutating func nearest(partition: String, vector: [Float], threshold: Double, now: Date)
        -> (key: String, prompt: String, similarity: Double)?
    {
        guard var held = partitions[partition] else { return nil }
        clock += 1
        held.used = clock
        var found: (key: String, prompt: String, similarity: Double)?
        while let best = held.index.best(vector, minimum: Float(threshold)) {
            guard let stored = held.prompts[best.id], stored.expiresAt > now else {
                _ = held.index.remove(id: best.id)
                held.prompts[best.id] = nil
                continue
            }
            found = (best.id, stored.prompt, Double(best.similarity))
            break
        }
        partitions[partition] = held
        return found
    }

    /// Drops an entry the database no longer has (purged, expired, evicted) from every view.
    mutating func drop(_ key: String, partition: String?) {
        forget(key)
        if let partition, var held = partitions[partition] {
            _ = held.index.remove(id: key)
            held.prompts[key] = nil
            partitions[partition] = held
        }
    }

    static func weight(_ entry: CacheEntry) -> Int { entry.answer.count + entry.key.utf8.count + 256 }

    /// Past the budget, drops the least recently used quarter of entries and partitions.
    private mutating func trim() {
        guard bytes > budget else { return }
        var uses = entries.values.map(\.used) + partitions.values.map(\.used)
        uses.sort()
        let cut = uses[max(0, uses.count / 4 - 1)]
        for (key, held) in entries where held.used <= cut { forget(key) }
        for (key, held) in partitions where held.used <= cut {
            partitions[key] = nil
            bytes -= held.bytes
        }
    }
}
