@testable import BrokleCore
@testable import BrokleStorage
import AsyncHTTPClient
import Foundation
import NIOCore
import SQLKit
import Synchronization
import Testing

/// Limits across `brokle proxy` processes sharing one PostgreSQL, and as the official SDKs see them.
@Suite(.serialized) struct CLILimitEnforcementTests {
    typealias RunningProxy = CLIProxyTests.RunningProxy

    static let yaml = """
        providers:
          mock: { kind: mock }
          slow: { kind: mock, chunk_interval: 500ms, completion_tokens: 40 }
        models:
          mock-chat: { provider: mock }
          slow-chat: { provider: slow, model: mock-chat }
        pricing:
          - { provider: mock, model: mock-chat, input: "20", output: "20" }
        """

    /// The seeded project `acme/web`.
    static func project(_ database: Database) async throws -> (organization: String, project: String) {
        let row = try #require(
            try await database.sql.raw(
                "SELECT p.id AS p, o.id AS o FROM projects p JOIN organizations o ON o.id = p.organization_id WHERE o.slug = 'acme' AND p.slug = 'web'"
            ).first())
        return (try row.decode(column: "o", as: String.self), try row.decode(column: "p", as: String.self))
    }

    static func limit(_ database: Database, project: (organization: String, project: String), rpm: Int? = nil, concurrency: Int? = nil)
        async throws
    {
        try await database.sql.raw("DELETE FROM limits").run()
        try await database.sql.insert(into: "limits")
            .columns("scope_kind", "scope_id", "organization_id", "rpm", "concurrency", "created_at", "updated_at")
            .values("project", project.project, project.organization, rpm, concurrency, Date(), Date()).run()
    }

    /// Three instances; `body` gets them once they have read the limits.
    static func threeInstances(
        extra: [String: String] = [:], _ body: (Database, [RunningProxy], (organization: String, project: String)) async throws -> Void
    ) async throws {
        try await TestDatabase.postgres.withFresh { url, database in
            let environment = ["BROKLE_DATABASE_URL": url, "BROKLE_LIMIT_REFRESH": "0.3"].merging(extra) { $1 }
            let first = try await RunningProxy(environment: environment, yaml: yaml)
            let others = [
                try await RunningProxy(environment: environment, folder: first.folder, seed: false),
                try await RunningProxy(environment: environment, folder: first.folder, seed: false),
            ]
            for proxy in others { proxy.key = first.key }
            let proxies = [first] + others
            do {
                try await body(database, proxies, try await project(database))
            } catch {
                for proxy in proxies { _ = try? await proxy.stop() }
                throw error
            }
            for proxy in proxies where proxy.process.isRunning { #expect(try await proxy.stop() == 0) }
        }
    }

    /// Waits until every proxy has read the limits and budgets now in the database: its
    /// `brokle_limit_rules` gauge says `rates` rate rules and `budgets` budgets (within 20 s).
    static func waitForRules(_ proxies: [RunningProxy], rates: Int, budgets: Int = 0) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        for proxy in proxies {
            var seen: (Int, Int)?
            while ContinuousClock.now < deadline {
                let metrics = try await CLIOutageTests.call(proxy, "/metrics", method: "GET").body
                func gauge(_ kind: String) -> Int? {
                    let name = #"brokle_limit_rules{kind="\#(kind)"} "#
                    return metrics.split(separator: "\n").first { $0.hasPrefix(name) }.flatMap { Double($0.dropFirst(name.count)) }.map {
                        Int($0)
                    }
                }
                seen = (gauge("rate") ?? -1, gauge("budget") ?? -1)
                if seen! == (rates, budgets) { break }
                await Task.yield()
            }
            #expect(seen.map { $0 == (rates, budgets) } == true, "a proxy still has \(String(describing: seen)) rules")
        }
    }

    /// Polls until `count` traces started since `since` are stored (within 20 s).
    static func waitForTraces(_ database: Database, since: Date, count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        var stored = 0
        while ContinuousClock.now < deadline && stored < count {
            stored =
                try await database.sql.raw("SELECT count(*) AS n FROM traces WHERE started_at >= \(bind: since)").first()?
                .decode(column: "n", as: Int.self) ?? 0
        }
        #expect(stored >= count, "\(stored) of \(count) traces stored")
    }

    static func send(_ count: Int, to proxies: [RunningProxy], model: String = "mock-chat", parallel: Int = 100) async -> [Int] {
        await withTaskGroup(of: Int.self) { group in
            var statuses: [Int] = []
            var next = 0
            func add() {
                let proxy = proxies[next % proxies.count]
                next += 1
                group.addTask { (try? await CLIOutageTests.call(proxy).status) ?? 0 }
            }
            for _ in 0..<min(parallel, count) { add() }
            for await status in group {
                statuses.append(status)
                if next < count { add() }
            }
            return statuses
        }
    }

    @Test(.enabled(if: TestDatabase.postgresAdminURL != nil), .timeLimit(.minutes(3)))
    func threeInstancesAdmitNoMoreThanTheProjectsRateAndBudget() async throws {
        // Requests that do not say max_tokens reserve 32 output tokens (the mock answers with fewer).
        try await Self.threeInstances(extra: ["BROKLE_LIMIT_OUTPUT_ESTIMATE": "32"]) { database, proxies, project in
            try await Self.limit(database, project: project, rpm: 300)
            try await Self.waitForRules(proxies, rates: 1)
            let started = ContinuousClock.now
            let statuses = await Self.send(1_500, to: proxies)
            let elapsed = (ContinuousClock.now - started).milliseconds / 1000
            let admitted = statuses.filter { $0 == 200 }.count
            // 300 at once, then 5 a second (GCRA); capacity held by one instance and unused is lost
            // to the others (at most one slice of 15 each).
            #expect(admitted <= 300 + Int((5 * elapsed).rounded(.up)), "admitted \(admitted) in \(elapsed) s")
            #expect(admitted >= 300 - 3 * 15, "admitted \(admitted)")
            #expect(statuses.filter { $0 == 429 }.count + admitted == 1_500)
            print("three instances, project rpm 300: admitted \(admitted) of 1,500 in \(String(format: "%.2f", elapsed)) s")

            // $0.05 a month on the project (about 70 requests), hit by 200 concurrent requests over the three instances.
            try await database.sql.raw("DELETE FROM limits").run()
            try await database.sql.insert(into: "budgets")
                .columns("scope_kind", "scope_id", "organization_id", "period", "limit_nanousd", "created_at", "updated_at")
                .values("project", project.project, project.organization, "month", Int64(50_000_000), Date(), Date()).run()
            try await Self.waitForRules(proxies, rates: 0, budgets: 1)
            let since = Date()
            let spending = await Self.send(200, to: proxies, parallel: 60)
            #expect(spending.contains(200) && spending.contains(429))
            // Every request is traced, refused ones included.
            try await Self.waitForTraces(database, since: since, count: 200)
            let spent =
                try await database.sql.raw(
                    "SELECT CAST(COALESCE(sum(cost_nanousd), 0) AS BIGINT) AS s FROM traces WHERE started_at >= \(bind: since)"
                ).first()?.decode(column: "s", as: Int64.self) ?? -1
            print("three instances, project budget $0.05: spent \(spent) nano-USD, \(spending.filter { $0 == 200 }.count) of 200 admitted")
            // Reserved from estimates no smaller than what the mock uses: no overshoot at all here.
            #expect(spent > 0 && spent <= 50_000_000, "spent \(spent) nano-USD of 50,000,000")
        }
    }

    @Test(.enabled(if: TestDatabase.postgresAdminURL != nil), .timeLimit(.minutes(2)))
    func aKilledInstancesSlotsComeBackWithinTheLeaseTime() async throws {
        try await Self.threeInstances(extra: ["BROKLE_LIMIT_LEASE_TTL": "5"]) { database, proxies, project in
            try await Self.limit(database, project: project, concurrency: 2)
            try await Self.waitForRules(proxies, rates: 1)
            let (victim, survivor) = (proxies[0], proxies[1])
            // Each stream says when its first event has arrived: it was admitted and holds a slot.
            let (started, isStarted) = AsyncStream.makeStream(of: Int.self)
            let streams = (0..<2).map { _ in
                Task {
                    let root = String(victim.baseURL.dropLast("/v1".count))
                    var request = HTTPClientRequest(url: root + "/v1/chat/completions")
                    request.method = .POST
                    request.headers.add(name: "authorization", value: "Bearer \(victim.key)")
                    request.body = .bytes(
                        ByteBuffer(string: #"{"model":"slow-chat","stream":true,"messages":[{"role":"user","content":"x"}]}"#))
                    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
                    var first = true
                    for try await _ in response.body where first {
                        first = false
                        isStarted.yield(Int(response.status.code))
                    }
                }
            }
            // Both slots held by the victim's streams (the survivor is not asked: a request of its
            // own would take a slot).
            var statuses: [Int] = []
            for await status in started {
                statuses.append(status)
                if statuses.count == 2 { break }
            }
            #expect(statuses == [200, 200], "the victim's two streams both started")
            kill(victim.process.processIdentifier, SIGKILL)
            _ = try await victim.process.waitForExit()
            for stream in streams { stream.cancel() }
            #expect(try await CLIOutageTests.call(survivor).status == 429, "the dead instance still holds both slots")
            let killed = ContinuousClock.now
            var status = 0
            while status != 200 && ContinuousClock.now - killed < .seconds(25) {
                try await Task.sleep(for: .milliseconds(250))
                status = try await CLIOutageTests.call(survivor).status
            }
            #expect(status == 200)
            #expect(
                ContinuousClock.now - killed < .seconds(20),
                "lease 5 s, renewed and checked every 1.7 s (room for a loaded machine)")
        }
    }

    /// The official SDKs raise their own RateLimitError, with OpenAI's headers.
    @Test(.enabled(if: CLIProxyTests.pythonSDKAvailable || ProcessInfo.processInfo.environment["BROKLE_REQUIRE_PYTHON_SDK"] == "1"))
    func theSDKsRaiseRateLimitErrorWithTheHeaders() async throws {
        let proxy = try await RunningProxy(environment: ["BROKLE_LIMIT_REFRESH": "0.3"], yaml: Self.yaml)
        let database = try await Database.connect(
            .sqlite(path: proxy.folder.appendingPathComponent("brokle.db").path), logger: TestDatabase.logger)
        let publicID = try #require(APIKeyToken(parsing: proxy.key)).publicID
        let keyID = try #require(
            try await database.sql.raw("SELECT id FROM api_keys WHERE public_id = \(bind: publicID)").first()?.decode(
                column: "id", as: String.self))
        let organization = try await Self.project(database).organization
        try await database.sql.insert(into: "limits")
            .columns("scope_kind", "scope_id", "organization_id", "rpm", "created_at", "updated_at")
            .values("key", keyID, organization, 1, Date(), Date()).run()
        await database.close()
        try await Self.waitForRules([proxy], rates: 1)
        let root = String(proxy.baseURL.dropLast("/v1".count))
        try await CLIProxyTests.runPythonCheck(
            "limits_sdk_check.py", environment: ["BROKLE_BASE_URL": proxy.baseURL, "BROKLE_ROOT_URL": root, "BROKLE_KEY": proxy.key],
            checks: 3)
        #expect(try await proxy.stop() == 0)
    }
}
