@testable import BrokleCLIKit
@testable import BrokleStorage
import Foundation
import Testing

/// `cache stats` figures equal what was stored, per group, on both databases.
@Suite struct CacheStatsStoreTests {
    @Test(arguments: TestDatabase.available)
    func totalsAndGroupsEqualTheStoredTraces(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let fixture = try await CacheFixture.make(database)
            let store = CacheStatsStore(database)
            var acme = TraceFilter()
            acme.org = "acme"

            let total = try #require(try await store.groups(by: [], acme, now: fixture.now).first)
            let acmeTraces = fixture.traces.filter(fixture.acme)
            #expect(total.lookups == CacheFixture.expected(acmeTraces))
            #expect(total.lookups.requests == acmeTraces.filter { $0.cacheResult != nil }.count)
            #expect(total.lookups.hits > 0 && total.lookups.misses > 0 && total.lookups.bypassed > 0 && total.lookups.unpricedHits > 0)
            let acmeEntries = fixture.entries.filter { $0.tenant.org == "acme" && fixture.live($0) }
            #expect(total.stored == CacheStatsStore.Stored(entries: acmeEntries.count, bytes: acmeEntries.reduce(0) { $0 + $1.bytes }))

            // Every tenant together: the other organization's figures are there only without --org.
            let everything = try #require(try await store.groups(by: [], TraceFilter(), now: fixture.now).first)
            #expect(everything.lookups == CacheFixture.expected(fixture.traces))
            #expect(everything.stored?.entries == fixture.entries.filter(fixture.live).count)
            #expect(everything.lookups.requests > total.lookups.requests)

            let byModel = try await store.groups(by: [.model], acme, now: fixture.now)
            #expect(byModel.map { $0.keys[.model] } == CacheFixture.models.sorted())
            for group in byModel {
                let model = try #require(group.keys[.model])
                #expect(group.lookups == CacheFixture.expected(acmeTraces.filter { $0.modelRequested == model }))
                let entries = acmeEntries.filter { $0.model == model }
                #expect(group.stored == CacheStatsStore.Stored(entries: entries.count, bytes: entries.reduce(0) { $0 + $1.bytes }))
            }

            var web = TraceFilter()
            (web.org, web.project) = ("acme", "web")
            let byEnv = try await store.groups(by: [.env], web, now: fixture.now)
            #expect(byEnv.map { $0.keys[.env] } == ["development", "production"])
            for group in byEnv {
                let tenant = try #require(fixture.tenants.first { $0.org == "acme" && $0.project == "web" && $0.env == group.keys[.env] })
                #expect(group.lookups == CacheFixture.expected(fixture.traces.filter { $0.environmentID == tenant.ids.env }))
                #expect(group.stored?.entries == fixture.entries.filter { $0.tenant.ids.env == tenant.ids.env && fixture.live($0) }.count)
            }

            let byDay = try await store.groups(by: [.day], acme, now: fixture.now)
            #expect(byDay.count == 3)
            for group in byDay {
                #expect(group.stored == nil, "entries are a snapshot, not a time series")
                let day = try #require(group.keys[.day])
                #expect(group.lookups == CacheFixture.expected(acmeTraces.filter { CacheFixture.day($0.startedAt) == day }))
            }
            #expect(byDay.map(\.lookups.requests).reduce(0, +) == total.lookups.requests)

            // The period and the model filter the traces; the model filters the entries too.
            var recent = acme
            recent.since = fixture.now.addingTimeInterval(-86_400)
            recent.model = "claude-haiku"
            let narrow = try #require(try await store.groups(by: [], recent, now: fixture.now).first)
            #expect(
                narrow.lookups
                    == CacheFixture.expected(acmeTraces.filter { $0.startedAt >= recent.since! && $0.modelRequested == "claude-haiku" }))
            #expect(narrow.stored?.entries == acmeEntries.filter { $0.model == "claude-haiku" }.count)
        }
    }

    @Test func figuresComputeRateAndNetSavings() {
        var lookups = CacheStatsStore.Lookups()
        (lookups.exactHits, lookups.semanticHits, lookups.misses, lookups.bypassed) = (1, 1, 1, 5)
        (lookups.savedNanoUSD, lookups.embedNanoUSD) = (2_500_000, 500_000)
        let figures = CacheFigures(CacheStatsStore.Group(keys: [:], lookups: lookups, stored: nil))
        #expect(figures.lookups == 3)
        #expect(figures.hitRate == 0.6667)
        #expect(figures.usdSaved == Decimal(string: "0.002"))
        #expect(figures.usdEmbedding == Decimal(string: "0.0005"))
        #expect(figures.entries == nil)

        var none = CacheStatsStore.Lookups()
        none.bypassed = 2
        #expect(CacheFigures(CacheStatsStore.Group(keys: [:], lookups: none, stored: nil)).hitRate == nil)
        var unpriced = CacheStatsStore.Lookups()
        (unpriced.exactHits, unpriced.unpricedHits) = (2, 2)
        #expect(CacheFigures(CacheStatsStore.Group(keys: [:], lookups: unpriced, stored: nil)).usdSaved == nil)
    }
}
