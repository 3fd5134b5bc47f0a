@testable import BrokleCore
@testable import BrokleGateway
import Foundation
import Testing

/// The in-process part of the cache: freshness, partitions, and the memory bound.
@Suite struct CacheMemoryTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func entry(_ key: String, partition: String? = nil, bytes: Int = 100, vector: [Float] = [1, 0, 0, 0]) -> CacheEntry {
        var entry = CacheStoreTests.entry(key, partition: partition)
        entry.answer = Array(repeating: UInt8(ascii: "x"), count: bytes)
        if partition != nil { entry.vector = vector }
        entry.expiresAt = now.addingTimeInterval(60)
        return entry
    }

    @Test func entriesAreFreshForTheRefreshIntervalThenStale() {
        var memory = CacheMemory(budget: 1 << 20, refresh: 30)
        memory.hold(Self.entry("a"), now: Self.now)
        guard case .entry = memory.entry("a", now: Self.now.addingTimeInterval(29)) else { Issue.record("fresh"); return }
        guard case .stale = memory.entry("a", now: Self.now.addingTimeInterval(31)) else { Issue.record("stale"); return }
        guard case .unknown = memory.entry("a", now: Self.now.addingTimeInterval(61)) else { Issue.record("expired"); return }
    }

    @Test func aLoadedPartitionKeepsEntriesNotWrittenYet() {
        var memory = CacheMemory(budget: 1 << 20, refresh: 30)
        memory.hold(Self.entry("pending", partition: "p", vector: [0, 1, 0, 0]), now: Self.now)
        let stored = CacheCandidate(key: "stored", vector: [1, 0, 0, 0], prompt: "stored", expiresAt: Self.now.addingTimeInterval(60))
        memory.hold(partition: "p", candidates: [stored], dimension: 4, now: Self.now)
        #expect(memory.nearest(partition: "p", vector: [0, 1, 0, 0], threshold: 0.9, now: Self.now)?.key == "pending")
        #expect(memory.nearest(partition: "p", vector: [1, 0, 0, 0], threshold: 0.9, now: Self.now)?.key == "stored")
        #expect(memory.nearest(partition: "p", vector: [0, 0, 1, 0], threshold: 0.9, now: Self.now) == nil)
        memory.drop("stored", partition: "p")
        #expect(memory.nearest(partition: "p", vector: [1, 0, 0, 0], threshold: 0.9, now: Self.now) == nil)
    }

    @Test func theLeastRecentlyUsedGoPastTheBudget() {
        var memory = CacheMemory(budget: 20_000, refresh: 30)
        for index in 0..<40 {
            memory.hold(Self.entry("k\(index)", bytes: 1_000), now: Self.now)
            _ = memory.entry("k0", now: Self.now)  // k0 stays in use
        }
        #expect(memory.bytes <= 20_000 && memory.entries.count < 40)
        guard case .entry = memory.entry("k0", now: Self.now) else { Issue.record("the entry in use was dropped"); return }
        guard case .unknown = memory.entry("k1", now: Self.now) else { Issue.record("an old entry survived"); return }
    }
}
