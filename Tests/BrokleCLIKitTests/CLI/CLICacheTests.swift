@testable import BrokleCLIKit
import Foundation
import Testing

/// `brokle cache stats`, `brokle cache purge` and the cache columns of `trace query`, through the
/// built binary, on both databases.
@Suite struct CLICacheTests {
    func brokle(_ arguments: [String], _ url: String) async throws -> BrokleBinary.Result {
        try await BrokleBinary.run(arguments + ["--log-level", "error"], environment: ["BROKLE_DATABASE_URL": url])
    }

    @Test(arguments: TestDatabase.available)
    func statsPrintsJSONLinesAndATable(kind: TestDatabase) async throws {
        try await kind.withMigrated { url, database in
            let fixture = try await CacheFixture.make(database)
            let acme = CacheFixture.expected(fixture.traces.filter(fixture.acme))

            let total = try await brokle(["cache", "stats", "--org", "acme"], url)
            #expect(total.status == 0, "\(total.stderr)")
            let line = try #require(try total.lines().first?["total"])
            #expect(try total.lines().count == 1)
            #expect(line["requests"] == .int(acme.requests))
            #expect(line["lookups"] == .int(acme.lookups))
            #expect(line["exact_hits"] == .int(acme.exactHits))
            #expect(line["semantic_hits"] == .int(acme.semanticHits))
            #expect(line["tokens_saved_in"] == .int(acme.tokensSavedIn))
            #expect(line["unpriced_hits"] == .int(acme.unpricedHits))
            let live = fixture.entries.filter { $0.tenant.org == "acme" && fixture.live($0) }
            #expect(line["entries"] == .int(live.count))
            #expect(line["bytes"] == .int(live.reduce(0) { $0 + $1.bytes }))
            let saved = Decimal(acme.savedNanoUSD - acme.embedNanoUSD) / 1_000_000_000
            #expect(line["usd_saved"]?.doubleValue.map { abs($0 - NSDecimalNumber(decimal: saved).doubleValue) < 1e-12 } == true)
            let rate = Double(acme.hits) / Double(acme.lookups)
            #expect(line["hit_rate"]?.doubleValue.map { abs($0 - rate) < 1e-4 } == true)

            let byDay = try await brokle(["cache", "stats", "--group-by", "day,model", "--project", "acme/web"], url).lines()
            #expect(byDay.count == 6)
            #expect(byDay.allSatisfy { $0["day"]?.stringValue?.count == 10 && $0["model"] != nil && $0["entries"] == .null })

            let table = try await brokle(["cache", "stats", "--group-by", "model", "--format", "table"], url)
            #expect(table.status == 0)
            #expect(table.stdout.hasPrefix("MODEL"))
            #expect(table.stdout.contains("HIT_RATE") && table.stdout.contains("USD_SAVED") && table.stdout.contains("claude-haiku"))
            print(try await brokle(["cache", "stats", "--org", "acme", "--group-by", "env", "--format", "table"], url).stdout)
        }
    }

    @Test(arguments: TestDatabase.available)
    func purgeNeedsYesOnlyForEverything(kind: TestDatabase) async throws {
        try await kind.withMigrated { url, database in
            let fixture = try await CacheFixture.make(database)
            let refused = try await brokle(["cache", "purge"], url)
            #expect(refused.status == 8)
            #expect(refused.stdout.isEmpty)
            #expect(try refused.errorLine()?["error"]?["type"] == .string("confirmation_required"))

            let expired = fixture.entries.filter { !fixture.live($0) }
            let purged = try await brokle(["cache", "purge", "--expired"], url)
            #expect(purged.status == 0, "\(purged.stderr)")
            let bytes = expired.reduce(0) { $0 + $1.bytes }
            #expect(try purged.lines().map(\.value) == [try JSONLine(#"{"bytes":\#(bytes),"purged":\#(expired.count)}"#).value])

            let oldWeb = fixture.entries.filter {
                $0.tenant.org == "acme" && $0.tenant.project == "web" && fixture.live($0)
                    && $0.createdAt < fixture.now.addingTimeInterval(-86_400)
            }
            #expect(!oldWeb.isEmpty)
            let scoped = try await brokle(["cache", "purge", "--project", "acme/web", "--older-than", "1d"], url).lines()
            #expect(scoped.first?["purged"] == .int(oldWeb.count))

            let rest = try await brokle(["cache", "purge", "--yes"], url).lines()
            #expect(rest.first?["purged"]?.intValue ?? 0 > 0)
            #expect(try await brokle(["cache", "stats"], url).lines().first?["total"]?["entries"] == .int(0))
        }
    }

    @Test(arguments: TestDatabase.available)
    func traceQueryShowsTheCacheColumns(kind: TestDatabase) async throws {
        try await kind.withMigrated { url, database in
            let fixture = try await CacheFixture.make(database)
            let cached = try await brokle(["trace", "query", "--cached", "--limit", "1000"], url).lines()
            #expect(cached.count == fixture.traces.filter(\.cacheHit).count)
            #expect(cached.allSatisfy { ["hit_exact", "hit_semantic"].contains($0["cache_result"]?.stringValue ?? "") })
            let semantic = try #require(cached.first { $0["cache_result"] == .string("hit_semantic") && $0["saved_usd"] != .null })
            #expect(semantic["cache_similarity"]?.doubleValue == 0.97)
            #expect(semantic["saved_tokens_in"]?.intValue != nil)
            let all = try await brokle(["trace", "query", "--limit", "1000"], url).lines()
            #expect(all.contains { $0["cache_result"] == .null && $0["saved_usd"] == .null && $0["cache_embed_usd"] == .null })
            #expect(all.contains { $0["cache_embed_usd"]?.doubleValue ?? 0 > 0 })
            let table = try await brokle(["trace", "query", "--cached", "--format", "table"], url)
            #expect(table.stdout.contains("CACHE_RESULT") && table.stdout.contains("hit_exact"))
        }
    }

    @Test(arguments: [
        (["cache", "stats", "--group-by", "nonsense"], "unknown --group-by"),
        (["cache", "stats", "--group-by", "provider"], "unknown --group-by"),
        (["cache", "stats", "--since", "garbage"], "invalid --since"),
        (["cache", "stats", "--env", "production"], "--env needs --project"),
        (["cache", "purge", "--older-than", "soon"], "invalid --older-than"),
        (["cache", "purge", "--project", "nope"], "ORG/PROJECT"),
    ])
    func badInputIsAUsageError(arguments: [String], message: String) async throws {
        let folder = try BrokleBinary.scratchDirectory()
        _ = try await BrokleBinary.run(["migrate", "up"], in: folder)
        let result = try await BrokleBinary.run(arguments, in: folder)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try result.errorLine()?["error"]?["message"]?.stringValue?.contains(message) == true, "\(result.stderr)")
    }
}
