@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import Testing

/// `cache_entries` on both databases: upsert, live reads, partitions, hits, the sweep.
@Suite struct CacheStoreTests {
    static func entry(_ key: String, scope: String = "env:e1", partition: String? = nil, age: TimeInterval = 0, ttl: TimeInterval = 3600)
        -> CacheEntry
    {
        let created = Date(timeIntervalSince1970: 1_800_000_000 - age)
        return CacheEntry(
            key: key, scope: scope, organizationID: "o1", projectID: "p1", environmentID: "e1", endpoint: "chat_completions",
            model: "m", partition: partition, embedder: partition == nil ? nil : "lexical-v1/4",
            vector: partition == nil ? nil : [0.5, 0.5, 0.5, 0.5], prompt: partition == nil ? nil : "prompt \(key)",
            answer: Array(#"{"kind":"openAIChat","body":"{}"}"#.utf8), provider: "p", modelServed: "m-1", tokensIn: 3, tokensOut: 4,
            createdAt: created, expiresAt: created.addingTimeInterval(ttl))
    }

    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: TestDatabase.available)
    func storesReadsAndReplaces(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let store = CacheStore(database)
            try await store.insert([Self.entry("a"), Self.entry("b", partition: "part"), Self.entry("old", age: 7200)])
            #expect(try await store.entry(key: "a", now: Self.now) == Self.entry("a"))
            #expect(try await store.entry(key: "old", now: Self.now) == nil, "expired")
            let candidates = try await store.candidates(partition: "part", now: Self.now, limit: 10)
            #expect(candidates.map(\.key) == ["b"] && candidates.first?.vector == [0.5, 0.5, 0.5, 0.5])
            var replaced = Self.entry("a")
            replaced.answer = Array("new".utf8)
            try await store.insert([replaced])
            #expect(try await store.entry(key: "a", now: Self.now)?.answer == Array("new".utf8))
            #expect(try await store.totals(now: Self.now).entries == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theSweepDropsExpiredThenTheLeastRecentlyHitPastTheCap(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let store = CacheStore(database)
            let fresh = (0..<5).map { Self.entry("k\($0)", age: Double(5 - $0)) }
            try await store.insert(fresh + [Self.entry("gone", age: 7200), Self.entry("other", scope: "env:e2")])
            try await store.touch(["k0": 2], at: Self.now)
            let removed = try await store.sweep(now: Self.now, maxPerScope: 3)
            #expect(removed == 3)
            var left: [String] = []
            for key in ["k0", "k1", "k2", "k3", "k4", "other"] where try await store.entry(key: key, now: Self.now) != nil {
                left.append(key)
            }
            // k0 was hit most recently; k4 and k3 are the newest; the other scope keeps its own.
            #expect(left == ["k0", "k3", "k4", "other"])
            let hits = try await database.sql.raw("SELECT hits FROM cache_entries WHERE key = 'k0'").first()?.decode(
                column: "hits", as: Int.self)
            #expect(hits == 2)
        }
    }
}
