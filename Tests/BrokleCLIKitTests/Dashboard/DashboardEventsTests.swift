@testable import BrokleCore
@testable import BrokleGateway
@testable import BrokleSettings
@testable import BrokleStorage
import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// The dashboard's live events: what each organization's pages get, and that a page which does not
/// keep up is dropped instead of holding anything back.
@Suite struct DashboardEventsTests {
    static func trace(_ organization: String, status: TraceRecord.Status = .ok) -> TraceRecord {
        let now = Date()
        return TraceRecord(
            id: "t-\(UUID().uuidString)", organizationID: organization, projectID: "p", environmentID: "e", apiKeyID: "k",
            endpoint: "chat.completions", modelRequested: "m", provider: "mock", modelServed: "m", status: status, httpStatus: 200,
            errorType: nil, errorMessage: nil, stream: false, attempts: 1, fallback: false, cacheHit: false, latencyMs: 5, ttftMs: nil,
            overheadMs: 0.1, tokensIn: 10, tokensOut: 5, tokensCached: 0, tokensCacheWrite: 0, tokensReasoning: 0, costNanoUSD: 2_000,
            costStatus: "priced", startedAt: now, finishedAt: now, attemptRecords: [])
    }

    static func hub(_ database: Database) -> DashboardEvents {
        let settings = GatewaySettings(catalog: .defaults(openAIKey: nil), catalogSource: "test")
        return DashboardEvents(
            monitor: DatabaseMonitorTests.monitor(database),
            health: RouteHealth(policy: settings.routing.circuitBreaker, metrics: GatewayMetrics()))
    }

    @Test func eachOrganizationsPagesGetOnlyItsOwnTracesAndFigures() async throws {
        try await TestDatabase.sqlite.withMigrated { _, database in
            let hub = Self.hub(database)
            let (ours, oursStream) = try #require(hub.subscribe(organizationID: "org-a", user: "u1", until: Date().addingTimeInterval(60)))
            let (_, theirsStream) = try #require(hub.subscribe(organizationID: "org-b", user: "u2", until: Date().addingTimeInterval(60)))
            hub.written([Self.trace("org-a"), Self.trace("org-a", status: .error), Self.trace("org-c")])
            hub.tick(stats: true, recheck: false)
            hub.unsubscribe(ours)
            var events: [String] = []
            for await event in oursStream { events.append(event) }
            #expect(events.count == 3)
            #expect(events[0].hasPrefix("event: database\ndata: {\"up\":true}"))
            #expect(events[1] == "event: traces\ndata: {\"count\":2,\"errors\":1}\n\n")
            #expect(events[2].hasPrefix("event: stats\n") && events[2].contains("\"requests\":2,\"errors\":1,\"tokens\":30"))
            // The other organization: its stats say nothing happened.
            hub.tick(stats: false, recheck: false)
            var theirs: [String] = []
            for await event in theirsStream {
                theirs.append(event)
                if theirs.count == 2 { break }
            }
            #expect(theirs[1].contains("\"requests\":0"))
            #expect(!theirs.contains { $0.hasPrefix("event: traces") })
        }
    }

    @Test func aPageThatFallsBehindIsDroppedAndAnExpiredOneClosed() async throws {
        try await TestDatabase.sqlite.withMigrated { _, database in
            let hub = Self.hub(database)
            let (_, slow) = try #require(hub.subscribe(organizationID: "org-a", user: "u1", until: Date().addingTimeInterval(60)))
            _ = try #require(hub.subscribe(organizationID: "org-b", user: "u2", until: Date().addingTimeInterval(-1)))
            #expect(hub.subscriberCount == 2)
            hub.tick(stats: false, recheck: false)
            #expect(hub.subscriberCount == 1, "the page whose session ended is closed")
            for _ in 0..<(DashboardEvents.buffered + 1) { hub.written([Self.trace("org-a")]) }
            #expect(hub.subscriberCount == 0, "a page that read nothing is dropped once its buffer is full")
            var received = 0
            for await _ in slow { received += 1 }
            #expect(received == DashboardEvents.buffered, "what it was given stays readable, then its stream ends")
            // One member holds at most eight streams.
            for index in 0..<DashboardEvents.maximumPerUser {
                #expect(hub.subscribe(organizationID: "org-a", user: "tabs", until: Date().addingTimeInterval(60)) != nil, "\(index)")
            }
            #expect(hub.subscribe(organizationID: "org-a", user: "tabs", until: Date().addingTimeInterval(60)) == nil)
            #expect(hub.subscribe(organizationID: "org-a", user: "someone else", until: Date().addingTimeInterval(60)) != nil)
            // With no page open, written traces cost nothing and are not kept.
            hub.written([Self.trace("org-a")])
        }
    }

    /// A budget crossing 80 % and 100 % reaches the organization's open pages as `budget` events
    /// (looked at every 5 s while a page is open).
    @Test func budgetsCrossingTheirThresholdsAreAnnounced() async throws {
        // mock-chat priced: about $0.00054 a request against a $0.005 budget.
        // The output estimate near a real answer's 16 tokens, so admission reserves what a request costs.
        let proxy = try await CLIProxyTests.RunningProxy(
            environment: ["BROKLE_LIMIT_OUTPUT_ESTIMATE": "16"], yaml: CLILimitEnforcementTests.yaml)
        let set = try await BrokleBinary.run(
            ["budgets", "set", "--project", "acme/web", "--usd", "0.005", "--period", "day"], in: proxy.folder)
        #expect(set.status == 0, "\(set.stderr)")
        // The proxy reads budgets every BROKLE_LIMIT_REFRESH: spend counts from then on.
        try await CLILimitEnforcementTests.waitForRules([proxy], rates: 0, budgets: 1)
        try await DashboardClient.setPassword("owner@acme.test", DashboardAPITests.password, in: proxy.folder)
        let client = DashboardClient(baseURL: proxy.baseURL)
        #expect(try await client.signIn("owner@acme.test", DashboardAPITests.password).status == 200)
        var request = HTTPClientRequest(url: client.root + "/api/v1/events?org=acme")
        request.headers.add(name: "cookie", value: client.cookie ?? "")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        var text = ""
        var spent = false
        let deadline = ContinuousClock.now + .seconds(45)
        // `stats` arrives every 5 s, so the loop looks at the deadline at least that often.
        for try await buffer in response.body {
            text += String(buffer: buffer)
            if ContinuousClock.now >= deadline { break }
            // After the first figures the budgets have had their first look: spend it all now.
            if !spent, text.contains("event: stats") {
                spent = true
                for _ in 0..<12 { _ = try? await DashboardAPITests().chatStatus(proxy) }
            }
            if text.contains(#""percent":80"#) { break }
        }
        // 80 % is crossed on the way; whether spend lands past 100 % depends on the last admitted request's cost.
        #expect(text.contains(#"event: budget\#ndata: {"scope":"acme/web","period":"day","percent":80,"#), "\(text)")
        #expect(try await proxy.stop() == 0)
    }

    @Test func aMembersStreamCarriesItsOrganizationsTraces() async throws {
        let proxy = try await CLIProxyTests.RunningProxy()
        try await DashboardClient.setPassword("owner@acme.test", DashboardAPITests.password, in: proxy.folder)
        let client = DashboardClient(baseURL: proxy.baseURL)
        #expect(try await client.call(.GET, "/api/v1/events?org=acme").status == 401)
        #expect(try await client.signIn("owner@acme.test", DashboardAPITests.password).status == 200)
        #expect(try await client.call(.GET, "/api/v1/events?org=globex").status == 404)

        var request = HTTPClientRequest(url: client.root + "/api/v1/events?org=acme")
        request.headers.add(name: "cookie", value: client.cookie ?? "")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        #expect(response.status.code == 200)
        #expect(response.headers.first(name: "content-type") == "text/event-stream")
        var text = ""
        var sent = false
        for try await buffer in response.body {
            text += String(buffer: buffer)
            if !sent, text.contains("event: database") {
                sent = true
                _ = try await DashboardAPITests().chat(proxy)
            }
            if text.contains("event: traces\ndata: {\"count\":1,\"errors\":0}") { break }
        }
        #expect(text.hasPrefix("retry: 3000\n: connected\n\n"))
        #expect(text.contains("event: traces"))
        #expect(try await proxy.stop() == 0)
    }
}
