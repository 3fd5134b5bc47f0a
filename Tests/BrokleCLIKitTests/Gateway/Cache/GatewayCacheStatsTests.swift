@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

/// What `brokle cache stats` reports after real gateway traffic equals what the traces say.
@Suite struct GatewayCacheStatsTests {
    @Test(arguments: TestDatabase.available)
    func statsSumsEqualTheTraces(kind: TestDatabase) async throws {
        try await GatewayHarness.run(kind, catalog: GatewayHarness.cacheCatalog(), configure: GatewayCacheTests.priced) { gateway in
            let prompts = ["alpha question", "beta question", "alpha question", "gamma", "beta question", "alpha question"]
            for prompt in prompts { _ = try await gateway.call("/v1/chat/completions", body: GatewayHarness.chat("cached", prompt)) }
            _ = try await gateway.call("/v1/chat/completions", body: GatewayHarness.chat("near", "How do I rotate my key?"))
            _ = try await gateway.call("/v1/chat/completions", body: GatewayHarness.chat("near", "how do I rotate my key"))
            _ = try await gateway.call(
                "/v1/chat/completions", body: GatewayHarness.chat("cached", "gamma"), headers: ["cache-control": "no-cache"])
            let traces = try await gateway.cacheTraces(atLeast: prompts.count + 3)
            #expect(try await gateway.cacheEntries() == 4)

            let total = try #require(try await CacheStatsStore(gateway.database).groups(by: [], TraceFilter(), now: Date()).first)
            let hits = traces.filter(\.hit)
            #expect(total.lookups.requests == traces.count)
            #expect(total.lookups.exactHits == 3 && total.lookups.semanticHits == 1 && total.lookups.bypassed == 1)
            #expect(total.lookups.exactHits + total.lookups.semanticHits == hits.count)
            #expect(total.lookups.misses == traces.filter { $0.result == "miss" }.count)
            #expect(total.lookups.tokensSavedIn == hits.reduce(0) { $0 + ($1.savedIn ?? 0) })
            #expect(total.lookups.tokensSavedOut == hits.reduce(0) { $0 + ($1.savedOut ?? 0) })
            #expect(total.lookups.savedNanoUSD == hits.reduce(0) { $0 + ($1.savedNanoUSD ?? 0) } && total.lookups.savedNanoUSD > 0)
            #expect(total.stored?.entries == 4)

            let byModel = try await CacheStatsStore(gateway.database).groups(by: [.model], TraceFilter(), now: Date())
            #expect(byModel.first { $0.keys[.model] == "near" }?.lookups.semanticHits == 1)
            #expect(byModel.first { $0.keys[.model] == "cached" }?.stored?.entries == 3)
        }
    }
}
