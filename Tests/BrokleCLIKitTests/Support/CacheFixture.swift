@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit

/// Two organizations, four environments, traces with every cache result (priced and unpriced hits,
/// embedder costs, over three days) and `cache_entries` rows (live and expired), for the
/// `cache stats` / `cache purge` tests. `acme` is the tenant under test; `other` must never leak in.
struct CacheFixture {
    struct Tenant {
        var org: String
        var project: String
        var env: String
        var ids: (org: String, project: String, env: String)
    }

    struct Entry {
        var key: String
        var tenant: Tenant
        var model: String
        var bytes: Int
        var createdAt: Date
        var expiresAt: Date
    }

    let now: Date
    var tenants: [Tenant] = []
    var traces: [TraceRecord] = []
    var entries: [Entry] = []

    static let models = ["gpt-4o-mini", "claude-haiku"]

    /// Creates the tenancy, then stores the traces (through `TraceStore`) and the entries.
    static func make(_ database: Database, now: Date = Date()) async throws -> CacheFixture {
        var fixture = CacheFixture(now: now)
        for (org, project, env) in [
            ("acme", "web", "production"), ("acme", "web", "development"), ("acme", "api", "production"), ("other", "web", "production"),
        ] {
            _ = try await OrganizationStore(database).create(slug: org, name: nil, plan: .free, ifNotExists: true, by: .test)
            let (created, _) = try await ProjectStore(database).create(
                org: org, slug: project, name: nil, environments: ["development", "production"], ifNotExists: true, by: .test)
            let environment = try await EnvironmentStore(database).get(org: org, project: project, slug: env)
            fixture.tenants.append(Tenant(org: org, project: project, env: env, ids: (created.organizationID, created.id, environment.id)))
        }
        // Seven results against four tenants, two models and three days: every tenant sees every result.
        let results: [String?] = ["hit_exact", "hit_semantic", "miss", "miss", "bypass", nil, "hit_semantic"]
        for index in 0..<96 {
            let tenant = fixture.tenants[index % 4]
            let result = results[index % results.count]
            let hit = result == "hit_exact" || result == "hit_semantic"
            let embed: Int64? = (result == "hit_semantic" || result == "miss") && index % 3 != 0 ? Int64(40 + index) : nil
            let started = now.addingTimeInterval(-Double(index % 3) * 86_400 - 600 - Double(index))
            fixture.traces.append(
                TraceRecord(
                    id: "cache-\(index)", organizationID: tenant.ids.org, projectID: tenant.ids.project, environmentID: tenant.ids.env,
                    apiKeyID: "key-\(index % 4)", endpoint: "/v1/chat/completions", modelRequested: models[(index / 4) % 2],
                    provider: "openai", modelServed: models[(index / 4) % 2], status: .ok, httpStatus: 200, errorType: nil,
                    errorMessage: nil, stream: false, attempts: hit ? 0 : 1, fallback: false, cacheHit: hit, cacheResult: result,
                    cacheSimilarity: result == "hit_semantic" ? 0.97 : nil, savedTokensIn: hit ? 100 + index : nil,
                    savedTokensOut: hit ? 20 + index : nil, savedNanoUSD: hit && index % 5 != 0 ? Int64(1_000 * (index + 1)) : nil,
                    cacheEmbedNanoUSD: embed, latencyMs: 5, ttftMs: nil, overheadMs: nil, tokensIn: hit ? 0 : 100,
                    tokensOut: hit ? 0 : 20, tokensCached: 0, tokensCacheWrite: 0, tokensReasoning: 0,
                    costNanoUSD: hit ? embed ?? 0 : 500_000 + (embed ?? 0), costStatus: hit ? "cached" : "priced",
                    startedAt: started, finishedAt: started.addingTimeInterval(0.005), attemptRecords: []))
        }
        try await TraceStore(database).insert(fixture.traces)
        for index in 0..<24 {
            let expired = index % 3 == 2
            fixture.entries.append(
                Entry(
                    key: String(format: "%064x", index), tenant: fixture.tenants[index % 4], model: models[(index / 4) % 2],
                    bytes: 1_000 + index, createdAt: now.addingTimeInterval(index % 2 == 0 ? -2 * 86_400 : -3_600),
                    expiresAt: now.addingTimeInterval(expired ? -60 : 86_400)))
        }
        for entry in fixture.entries { try await insert(entry, database) }
        return fixture
    }

    static func insert(_ entry: Entry, _ database: Database) async throws {
        let t = entry.tenant
        try await database.sql.insert(into: "cache_entries")
            .columns(
                "key", "scope", "organization_id", "project_id", "environment_id", "endpoint", "model", "answer", "bytes",
                "provider", "model_served", "tokens_in", "tokens_out", "created_at", "expires_at", "last_hit_at", "hits"
            )
            .values(
                entry.key, "env:\(t.ids.env)", t.ids.org, t.ids.project, t.ids.env, "/v1/chat/completions", entry.model,
                Data("{\"answer\":true}".utf8), entry.bytes, "openai", entry.model, 100, 20, entry.createdAt, entry.expiresAt,
                entry.createdAt, 0
            ).run()
    }

    /// What the stats should say about `traces`, from their definitions.
    static func expected(_ traces: [TraceRecord]) -> CacheStatsStore.Lookups {
        var figures = CacheStatsStore.Lookups()
        for trace in traces where trace.cacheResult != nil {
            figures.requests += 1
            switch trace.cacheResult {
            case "hit_exact": figures.exactHits += 1
            case "hit_semantic": figures.semanticHits += 1
            case "miss": figures.misses += 1
            default: figures.bypassed += 1
            }
            if trace.cacheHit && trace.savedNanoUSD == nil { figures.unpricedHits += 1 }
            figures.tokensSavedIn += trace.savedTokensIn ?? 0
            figures.tokensSavedOut += trace.savedTokensOut ?? 0
            figures.savedNanoUSD += trace.savedNanoUSD ?? 0
            figures.embedNanoUSD += trace.cacheEmbedNanoUSD ?? 0
        }
        return figures
    }

    /// Traces and live entries of the `acme` organization.
    func acme(_ trace: TraceRecord) -> Bool { trace.organizationID == tenants[0].ids.org }
    func live(_ entry: Entry) -> Bool { entry.expiresAt > now }

    static func day(_ date: Date) -> String { String(RFC3339.string(from: date).prefix(10)) }
}
