@testable import BrokleCore
import Foundation
import Testing

/// The semantic response cache through the gateway: near-duplicates of the last user turn hit,
/// everything else must match exactly, and a difference in a number or a negation never hits.
@Suite struct GatewayCacheSemanticTests {
    func ask(_ gateway: GatewayHarness, _ prompt: String, system: String? = nil) async throws -> GatewayHarness.Reply {
        let messages =
            (system.map { #"{"role":"system","content":"\#($0)"},"# } ?? "") + #"{"role":"user","content":"\#(prompt)"}"#
        return try await gateway.call("/v1/chat/completions", body: #"{"model":"near","messages":[\#(messages)]}"#)
    }

    @Test(arguments: TestDatabase.available)
    func nearDuplicatesHitAndTheTraceKeepsTheSimilarity(kind: TestDatabase) async throws {
        try await GatewayHarness.run(kind, catalog: GatewayHarness.cacheCatalog()) { gateway in
            let first = try await ask(gateway, "How do I reset my password on the dashboard?")
            #expect(first.headers["x-brokle-cache"] == "miss")
            let near = try await ask(gateway, "how do I reset my password on the dashboard")
            #expect(near.headers["x-brokle-cache"] == "hit-semantic")
            let similarity = try #require(near.headers["x-brokle-cache-similarity"].flatMap(Double.init))
            #expect(similarity >= 0.95 && similarity <= 1.0001)
            #expect(near.content == first.content, "the stored answer")
            let traces = try await gateway.cacheTraces(atLeast: 2)
            try #require(traces.count == 2)
            #expect(traces[1].result == "hit_semantic" && traces[1].similarity.map { abs($0 - similarity) < 0.001 } == true)
        }
    }

    @Test func negationsNumbersAndOtherContextNeverHit() async throws {
        try await GatewayHarness.run(catalog: GatewayHarness.cacheCatalog()) { gateway in
            for (stored, asked) in [
                ("enable 2FA on my account", "disable 2FA on my account"),
                ("what is 17 × 23", "what is 17 × 24"),
                ("Should I restart the server now?", "Should I not restart the server now?"),
            ] {
                #expect(try await ask(gateway, stored).headers["x-brokle-cache"] == "miss")
                let reply = try await ask(gateway, asked)
                #expect(reply.headers["x-brokle-cache"] == "miss", "\(asked) must not be served \(stored)'s answer")
                #expect(reply.content == asked)
            }
            _ = try await ask(gateway, "Summarise the incident report", system: "You are terse.")
            let otherSystem = try await ask(gateway, "Summarise the incident report", system: "You are verbose.")
            #expect(otherSystem.headers["x-brokle-cache"] == "miss")
            let noSystem = try await ask(gateway, "summarise the incident report")
            #expect(noSystem.headers["x-brokle-cache"] == "miss")
        }
    }

    @Test func aProviderEmbedderIsChargedAndNettedOut() async throws {
        var policy = CachePolicy(mode: .semantic)
        policy.embedder = .model("embed")
        try await GatewayHarness.run(
            catalog: GatewayHarness.cacheCatalog(semantic: policy),
            configure: {
                $0.prices = $0.prices.overridden(by: [
                    ModelPrice(provider: "echo", model: "mock-embed", input: 100, output: 0),
                    ModelPrice(provider: "echo", model: "mock-chat", input: 1, output: 2),
                ])
            }
        ) { gateway in
            let plain = #"{"model":"near","messages":[{"role":"user","content":"the same words"}]}"#
            // The same text as a list of parts: another exact key, the same vector.
            let parts = #"{"model":"near","messages":[{"role":"user","content":[{"type":"text","text":"the same words"}]}]}"#
            #expect(try await gateway.call("/v1/chat/completions", body: plain).headers["x-brokle-cache"] == "miss")
            let hit = try await gateway.call("/v1/chat/completions", body: parts)
            #expect(hit.headers["x-brokle-cache"] == "hit-semantic")
            let traces = try await gateway.cacheTraces(atLeast: 2)
            let embedCost = try await gateway.database.sql.raw("SELECT cache_embed_nanousd AS e FROM traces ORDER BY started_at").all()
                .map { try $0.decode(column: "e", as: Int64?.self) }
            try #require(traces.count == 2 && embedCost.count == 2)
            #expect(embedCost.allSatisfy { ($0 ?? 0) > 0 })
            #expect(traces[1].costStatus == "cached" && traces[1].costNanoUSD == embedCost[1])
            #expect(traces[0].costNanoUSD.map { $0 > embedCost[0]! } == true, "the miss pays for its answer and its embedding")
        }
    }
}
