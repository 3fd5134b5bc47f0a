@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit

/// What `trace purge` tests erase from: organizations acme (projects web and api) and other (web),
/// a key in each project, and traces spread over them with end users (alice in both organizations,
/// bob, none), sessions, tags, metadata, attempts and captured content whose text names its trace
/// and end user; plus response-cache entries stored for alice, bob and nobody.
struct ErasureFixture {
    struct Tenant {
        var org: String
        var project: String
        var organizationID: String
        var projectID: String
        var environmentID: String
        var keyID: String
        var keyPublicID: String
    }

    /// Values that occur nowhere else, so their bytes can be looked for in the database's files.
    static let alice = "alice-7f3a9c@example.com"
    static let bob = "bob-c4d15e@example.com"

    let now: Date
    var tenants: [Tenant] = []
    var traces: [TraceRecord] = []
    /// Cache entry keys with the end user each was stored for.
    var cacheEntries: [(key: String, tenant: Int, endUser: String?)] = []

    /// The content text of `trace`, naming it (so a leftover is found by its id).
    static func secret(_ id: String) -> String { "zq-secret-of-\(id)" }

    static func make(_ database: Database, count: Int = 60, now: Date = Date()) async throws -> ErasureFixture {
        var fixture = ErasureFixture(now: now)
        for (org, project) in [("acme", "web"), ("acme", "api"), ("other", "web")] {
            _ = try await OrganizationStore(database).create(slug: org, name: nil, plan: .enterprise, ifNotExists: true, by: .test)
            let (created, _) = try await ProjectStore(database).create(
                org: org, slug: project, name: nil, environments: ["production"], ifNotExists: true, by: .test)
            let environment = try await EnvironmentStore(database).get(org: org, project: project, slug: "production")
            let (key, _) = try await KeyStore(database).create(in: environment, name: "ci", expiresAt: nil, models: nil, by: .test)
            fixture.tenants.append(
                Tenant(
                    org: org, project: project, organizationID: created.organizationID, projectID: created.id,
                    environmentID: environment.id, keyID: key.id, keyPublicID: key.publicID))
        }
        let users: [String?] = [alice, bob, nil, alice]
        for index in 0..<count {
            let tenant = fixture.tenants[index % 3]
            // Binary fractions of a second, exact on both databases; every fifth pair shares an instant.
            let started = now.addingTimeInterval(-3_600 + Double(index - index % 5 / 4) * 0.25)
            let id = "erase-\(String(format: "%03d", index))"
            var trace = TraceRecord(
                id: id, organizationID: tenant.organizationID, projectID: tenant.projectID, environmentID: tenant.environmentID,
                apiKeyID: tenant.keyID, endpoint: "chat.completions", modelRequested: "gpt-4o-mini", provider: "openai",
                modelServed: "gpt-4o-mini", status: .ok, httpStatus: 200, errorType: nil, errorMessage: nil, stream: false, attempts: 1,
                fallback: false, cacheHit: false, latencyMs: 120, ttftMs: nil, overheadMs: 0.5, tokensIn: 100 + index, tokensOut: 20,
                tokensCached: 0, tokensCacheWrite: 0, tokensReasoning: 0, costNanoUSD: Int64(1_000 * (index + 1)), costStatus: "priced",
                startedAt: started, finishedAt: started.addingTimeInterval(0.125),
                attemptRecords: [
                    TraceAttemptRecord(
                        attempt: 1, provider: "openai", model: "gpt-4o-mini", status: .ok, httpStatus: 200, errorType: nil,
                        errorMessage: nil, latencyMs: 110, tokensIn: 100 + index, tokensOut: 20, costNanoUSD: 1_000, startedAt: started)
                ])
            let user = users[index % users.count]
            trace.identity = RequestIdentity(
                endUser: user, sessionID: index % 5 == 4 ? nil : "sess-\(index % 5)",
                tags: index % 2 == 0 ? ["beta", "t\(index % 3)"] : [],
                metadata: index % 3 == 0 ? #"{"plan":"pro","n":\#(index)}"# : nil)
            if index % 4 != 2 {
                let request = #"{"messages":[{"role":"user","content":"I am \#(user ?? "anonymous"): \#(secret(id))"}]}"#
                trace.content = TraceContent(mode: .full, request: request, response: "Hello \(user ?? "there"), \(secret(id)) answered")
            }
            fixture.traces.append(trace)
        }
        try await TraceStore(database).insert(fixture.traces)
        for (index, user) in [alice, bob, nil, alice].enumerated() {
            let tenant = fixture.tenants[index % 3]
            let key = String(format: "%064x", 0xE0 + index)
            try await CacheStore(database).insert([
                CacheEntry(
                    key: key, scope: "env:\(tenant.environmentID)", organizationID: tenant.organizationID, projectID: tenant.projectID,
                    environmentID: tenant.environmentID, endpoint: "chat.completions", model: "gpt-4o-mini",
                    answer: Array("cached answer for \(user ?? "nobody")".utf8), provider: "openai", modelServed: "gpt-4o-mini",
                    tokensIn: 100, tokensOut: 20, createdAt: now, expiresAt: now.addingTimeInterval(3_600), endUser: user)
            ])
            fixture.cacheEntries.append((key, index % 3, user))
        }
        return fixture
    }

    /// A trace as stored now: its personal fields and whether its content is still there.
    struct Stored: Equatable {
        var endUser: String?
        var sessionID: String?
        var tags: String?
        var metadata: String?
        var hasContent: Bool
    }

    /// Every trace by id, as stored now.
    static func stored(_ database: Database) async throws -> [String: Stored] {
        let rows = try await database.sql.raw(
            """
            SELECT t.id, t.end_user, t.session_id, t.tags, t.metadata,
            CASE WHEN c.trace_id IS NULL THEN 0 ELSE 1 END AS has_content
            FROM traces t LEFT JOIN trace_contents c ON c.trace_id = t.id
            """
        ).all()
        var stored: [String: Stored] = [:]
        for row in rows {
            stored[try row.decode(column: "id", as: String.self)] = Stored(
                endUser: try row.decode(column: "end_user", as: String?.self),
                sessionID: try row.decode(column: "session_id", as: String?.self),
                tags: try row.decode(column: "tags", as: String?.self), metadata: try row.decode(column: "metadata", as: String?.self),
                hasContent: try row.decode(column: "has_content", as: Int.self) == 1)
        }
        return stored
    }

    /// What every trace should look like after erasing those `matching` (content only, or everything).
    func expected(erasing matching: (TraceRecord) -> Bool, contentOnly: Bool, from before: [String: Stored]) -> [String: Stored] {
        var after = before
        for trace in traces where matching(trace) {
            after[trace.id]?.hasContent = false
            if !contentOnly { after[trace.id] = Stored(endUser: nil, sessionID: nil, tags: nil, metadata: nil, hasContent: false) }
        }
        return after
    }

    /// Cache entry keys stored now.
    static func cacheKeys(_ database: Database) async throws -> Set<String> {
        Set(try await database.sql.raw(#"SELECT "key" FROM cache_entries"#).all().map { try $0.decode(column: "key", as: String.self) })
    }

    /// What `usage_hourly` and the traces' money add up to: erasure must leave both as they were.
    static func totals(_ database: Database) async throws -> [Int] {
        let usage = try await database.sql.raw(
            "SELECT CAST(COALESCE(sum(requests), 0) AS BIGINT) AS r, CAST(COALESCE(sum(cost_nanousd), 0) AS BIGINT) AS c FROM usage_hourly"
        ).first()
        let traces = try await database.sql.raw(
            "SELECT count(*) AS n, CAST(COALESCE(sum(cost_nanousd), 0) AS BIGINT) AS c, CAST(sum(tokens_in) AS BIGINT) AS t FROM traces"
        ).first()
        let attempts = try await database.count("SELECT count(*) AS n FROM trace_attempts")
        return [
            try usage?.decode(column: "r", as: Int.self) ?? -1, try usage?.decode(column: "c", as: Int.self) ?? -1,
            try traces?.decode(column: "n", as: Int.self) ?? -1, try traces?.decode(column: "c", as: Int.self) ?? -1,
            try traces?.decode(column: "t", as: Int.self) ?? -1, attempts,
        ]
    }
}
