@testable import BrokleGateway
@testable import BrokleCore
@testable import BrokleSettings
@testable import BrokleStorage
import AsyncHTTPClient
import Foundation
import NIOCore
import SQLKit
import Testing

/// The exact response cache through the gateway: what hits, what never does, what is stored, and
/// what a hit's trace says.
@Suite struct GatewayCacheTests {
    static func priced(_ settings: inout GatewaySettings) {
        settings.prices = settings.prices.overridden(by: [ModelPrice(provider: "echo", model: "mock-chat", input: 1, output: 2)])
    }

    @Test(arguments: TestDatabase.available)
    func canonicallyEqualRequestsHitAndTheTraceSaysWhatWasSaved(kind: TestDatabase) async throws {
        try await GatewayHarness.run(kind, catalog: GatewayHarness.cacheCatalog(), configure: Self.priced) { gateway in
            let first = try await gateway.call(
                "/v1/chat/completions", body: GatewayHarness.chat("cached", "tell me about caches", extra: #","temperature":1.0"#))
            #expect(first.status == 200 && first.headers["x-brokle-cache"] == "miss")
            #expect(first.content == "tell me about caches")
            // Other key order, whitespace, 1 for 1.0, an escaped letter, and transport fields.
            let same =
                #"{ "temperature": 1, "messages": [ {"content": "tell me about c\u0061ches", "role": "user"} ], "model": "cached", "user": "u-7", "stream": false }"#
            let second = try await gateway.call("/v1/chat/completions", body: same)
            #expect(second.status == 200 && second.headers["x-brokle-cache"] == "hit-exact")
            #expect(second.headers["x-brokle-provider"] == nil && second.headers["x-brokle-cost-usd"].flatMap(Double.init) == 0)
            #expect(second.json?["id"] == first.json?["id"], "the stored answer, not a new one")

            let traces = try await gateway.cacheTraces(atLeast: 2)
            try #require(traces.count == 2)
            let (miss, hit) = (traces[0], traces[1])
            #expect(miss.result == "miss" && !miss.hit && miss.costStatus == "priced" && miss.tokensOut > 0)
            #expect(hit.result == "hit_exact" && hit.hit && hit.costStatus == "cached" && hit.costNanoUSD == 0)
            #expect(hit.provider == nil && hit.tokensIn == 0 && hit.tokensOut == 0)
            #expect(hit.savedIn == miss.tokensIn && hit.savedOut == miss.tokensOut)
            #expect(hit.savedNanoUSD == miss.costNanoUSD, "saved at today's price of the model it replaced")
            #expect(try await gateway.cacheEntries() == 1)
        }
    }

    @Test func differentAnswerChangingFieldsMissAndModelsWithoutCacheSayNothing() async throws {
        try await GatewayHarness.run(catalog: GatewayHarness.cacheCatalog()) { gateway in
            let base = GatewayHarness.chat("cached", "hello there")
            _ = try await gateway.call("/v1/chat/completions", body: base)
            for variant in [
                GatewayHarness.chat("cached", "hello there", extra: #","temperature":0.2"#),
                GatewayHarness.chat("cached", "hello there", extra: #","max_tokens":5"#),
                GatewayHarness.chat("cached", "hello there", extra: #","tools":[{"type":"function","function":{"name":"f"}}]"#),
                #"{"model":"cached","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hello there"}]}"#,
            ] {
                let reply = try await gateway.call("/v1/chat/completions", body: variant)
                #expect(reply.headers["x-brokle-cache"] == "miss", "\(variant)")
            }
            let plain = try await gateway.call("/v1/chat/completions", body: GatewayHarness.chat("plain", "hello there"))
            #expect(plain.status == 200 && plain.headers["x-brokle-cache"] == nil)
            let traces = try await gateway.cacheTraces(atLeast: 6)
            #expect(traces.last?.result == nil)
        }
    }

    @Test func twoEnvironmentsNeverShareAnEntry() async throws {
        try await GatewayHarness.run(catalog: GatewayHarness.cacheCatalog()) { gateway in
            let (staging, _) = try await EnvironmentStore(gateway.database).create(
                org: "acme", project: "web", slug: "staging", ifNotExists: false, by: .test)
            let (_, stagingKey) = try await KeyStore(gateway.database).create(
                in: staging, name: "s", expiresAt: nil, models: nil, by: .test)
            let body = GatewayHarness.chat("cached", "the same question")
            #expect(try await gateway.call("/v1/chat/completions", body: body).headers["x-brokle-cache"] == "miss")
            #expect(try await gateway.call("/v1/chat/completions", body: body).headers["x-brokle-cache"] == "hit-exact")
            let other = try await gateway.call("/v1/chat/completions", body: body, key: stagingKey.text)
            #expect(other.status == 200 && other.headers["x-brokle-cache"] == "miss")
        }
    }

    @Test func errorsAndCancelledStreamsAreNeverStored() async throws {
        try await GatewayHarness.run(catalog: GatewayHarness.cacheCatalog()) { gateway in
            let failing = GatewayHarness.chat("broken", "anything")
            #expect(try await gateway.call("/v1/chat/completions", body: failing).status == 500)
            let again = try await gateway.call("/v1/chat/completions", body: failing)
            #expect(again.status == 500 && again.headers["x-brokle-cache"] != "hit-exact")

            // A stream the client hangs up on once it has seen its first words (40 words, 250 ms apart).
            let words = (0..<40).map { "w\($0)" }.joined(separator: " ")
            let streamed = GatewayHarness.chat("slow", words, extra: #","stream":true"#)
            let (sawWords, signal) = AsyncStream<Void>.makeStream()
            let reader = Task {
                defer { signal.finish() }
                var request = HTTPClientRequest(url: gateway.baseURL + "/v1/chat/completions")
                request.method = .POST
                request.headers.add(name: "authorization", value: "Bearer \(gateway.key)")
                request.body = .bytes(ByteBuffer(string: streamed))
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
                for try await chunk in response.body where String(buffer: chunk).contains("w1") { signal.finish() }
            }
            for await _ in sawWords {}
            reader.cancel()
            // The gateway records the stream as cancelled (however loaded the machine is).
            var cancelled = false
            for _ in 0..<200 where !cancelled {
                await gateway.gateway.traceWriter.flush()
                cancelled =
                    try await gateway.database.sql.raw("SELECT count(*) AS n FROM traces WHERE status = 'cancelled'").first()?
                    .decode(column: "n", as: Int.self) == 1
                if !cancelled { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(cancelled)
            #expect(try await gateway.cacheEntries() == 0)
            let whole = try await gateway.call("/v1/chat/completions", body: GatewayHarness.chat("slow", words))
            #expect(whole.headers["x-brokle-cache"] == "miss")
        }
    }

    @Test func requestDirectivesAndHotTemperatures() async throws {
        try await GatewayHarness.run(catalog: GatewayHarness.cacheCatalog()) { gateway in
            let body = GatewayHarness.chat("cached", "directives")
            let unstored = try await gateway.call("/v1/chat/completions", body: body, headers: ["cache-control": "no-store"])
            #expect(unstored.headers["x-brokle-cache"] == "miss")
            #expect(try await gateway.cacheEntries() == 0)
            _ = try await gateway.call("/v1/chat/completions", body: body, headers: ["x-brokle-cache-ttl": "60"])
            let skipped = try await gateway.call("/v1/chat/completions", body: body, headers: ["cache-control": "no-cache"])
            #expect(skipped.headers["x-brokle-cache"] == "bypass")
            #expect(try await gateway.call("/v1/chat/completions", body: body).headers["x-brokle-cache"] == "hit-exact")
            let hot = GatewayHarness.chat("cached", "directives", extra: #","temperature":1.5"#)
            #expect(try await gateway.call("/v1/chat/completions", body: hot).headers["x-brokle-cache"] == "bypass")
            #expect(try await gateway.call("/v1/chat/completions", body: hot).headers["x-brokle-cache"] == "bypass")
            let bad = try await gateway.call("/v1/chat/completions", body: body, headers: ["x-brokle-cache-ttl": "forever"])
            #expect(bad.status == 400 && bad.body.contains("x-brokle-cache-ttl"))
        }
    }

    @Test func aCacheDatabaseFailureStillAnswers() async throws {
        try await GatewayHarness.run(catalog: GatewayHarness.cacheCatalog()) { gateway in
            try await gateway.database.sql.raw("DROP TABLE cache_entries").run()
            let body = GatewayHarness.chat("cached", "still answered")
            let first = try await gateway.call("/v1/chat/completions", body: body)
            #expect(first.status == 200 && first.content == "still answered")
            await gateway.gateway.responseCache.flush()
            // Served from this instance's memory even though the database refused the write.
            let second = try await gateway.call("/v1/chat/completions", body: GatewayHarness.chat("cached", "another one"))
            #expect(second.status == 200 && second.content == "another one")
            let metrics = String(decoding: gateway.gateway.metrics.exposition(), as: UTF8.self)
            #expect(metrics.contains("brokle_cache_errors_total{operation=\"lookup\"}"))
            #expect(metrics.contains("brokle_cache_errors_total{operation=\"store\"}"))
            let health = try await gateway.call("/health/cache", method: "GET", noAuth: true)
            #expect(health.status == 200 && health.json?["status"] == .string("degraded"))
        }
    }

    @Test func embeddingsAreCachedToo() async throws {
        try await GatewayHarness.run(catalog: GatewayHarness.cacheCatalog()) { gateway in
            let body = #"{"model":"embed","input":"vectors please"}"#
            let first = try await gateway.call("/v1/embeddings", body: body)
            let second = try await gateway.call("/v1/embeddings", body: body)
            #expect(first.status == 200 && second.headers["x-brokle-cache"] == "hit-exact" && second.body == first.body)
            await gateway.gateway.responseCache.flush()
            let health = try await gateway.call("/health/cache", method: "GET", noAuth: true)
            #expect(health.json?["status"] == .string("ok"))
            #expect(health.json?["stored"]?["entries"] == .int(1))
        }
    }
}
