import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// The dashboard's API through a running `brokle proxy`, as a browser uses it: sign-in by password
/// and by one-time link, the session cookie, CSRF on changes, sign-in limits, revocation, and
/// members seeing only their own organizations.
@Suite struct DashboardAPITests {
    static let password = "correct horse battery staple"

    func chat(_ proxy: CLIProxyTests.RunningProxy, prompt: String = "count me", headers: [(String, String)] = []) async throws -> String {
        var request = HTTPClientRequest(url: proxy.baseURL + "/chat/completions")
        request.method = .POST
        request.headers.add(name: "authorization", value: "Bearer \(proxy.key)")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let content = String(decoding: try JSONEncoder().encode(prompt), as: UTF8.self)
        request.body = .bytes(ByteBuffer(string: #"{"model":"mock-chat","messages":[{"role":"user","content":\#(content)}]}"#))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        #expect(response.status.code == 200)
        return try #require(response.headers.first(name: "x-brokle-request-id"))
    }

    /// One request's status (a refusal included).
    func chatStatus(_ proxy: CLIProxyTests.RunningProxy) async throws -> Int {
        var request = HTTPClientRequest(url: proxy.baseURL + "/chat/completions")
        request.method = .POST
        request.headers.add(name: "authorization", value: "Bearer \(proxy.key)")
        request.body = .bytes(ByteBuffer(string: #"{"model":"mock-chat","messages":[{"role":"user","content":"spend"}]}"#))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        return Int(response.status.code)
    }

    /// Polls `brokle trace query` until `count` traces match `arguments` (the writer flushes every 0.25 s).
    func waitForTraces(_ count: Int, _ arguments: [String], environment: [String: String], in folder: URL) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let result = try await BrokleBinary.run(["trace", "query"] + arguments, environment: environment, in: folder)
            if try result.lines().count >= count { return }
            await Task.yield()
        }
        Issue.record("fewer than \(count) traces for \(arguments) after 20 s")
    }

    @Test(arguments: TestDatabase.available)
    func aPasswordSignInOpensASessionThatSignOutEnds(kind: TestDatabase) async throws {
        try await kind.withFresh { url, _ in
            let environment = ["BROKLE_DATABASE_URL": url]
            let proxy = try await CLIProxyTests.RunningProxy(environment: environment)
            let client = DashboardClient(baseURL: proxy.baseURL)
            #expect(try await client.call(.GET, "/api/v1/session").status == 401)
            #expect(try await client.call(.GET, "/api/v1/orgs/acme/overview").status == 401)
            // No password yet: refused like a wrong one.
            #expect(try await client.signIn("owner@acme.test", Self.password).status == 401)
            try await DashboardClient.setPassword("owner@acme.test", Self.password, environment: environment, in: proxy.folder)
            #expect(try await client.signIn("owner@acme.test", "not the password at all").status == 401)

            let signedIn = try await client.signIn("owner@acme.test", Self.password)
            #expect(signedIn.status == 200)
            let cookie = try #require(signedIn.header("set-cookie"))
            #expect(
                cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/") && !cookie.contains("Secure")
            )
            let organizations = signedIn.json?["organizations"]?.arrayValue ?? []
            #expect(organizations.count == 1 && organizations.first?["slug"]?.stringValue == "acme")
            #expect(organizations.first?["role"]?.stringValue == "owner")
            #expect(!signedIn.body.contains("password"))
            #expect(try await client.call(.GET, "/api/v1/session").json?["user"]?["email"]?.stringValue == "owner@acme.test")

            // A change without the session's CSRF token is refused and changes nothing.
            #expect(try await client.call(.DELETE, "/api/v1/session", csrf: false).status == 403)
            #expect(try await client.call(.GET, "/api/v1/session").status == 200)
            let stolen = client.cookie
            #expect(try await client.call(.DELETE, "/api/v1/session").status == 204)
            // The old cookie replayed: the session is over on the server, not just in the browser.
            client.cookie = stolen
            #expect(try await client.call(.GET, "/api/v1/session").status == 401)
            #expect(try await proxy.stop() == 0)
        }
    }

    @Test func theCookieIsSecureBehindTLSAndANewPasswordEndsOldSessions() async throws {
        let proxy = try await CLIProxyTests.RunningProxy()
        try await DashboardClient.setPassword("admin@acme.test", Self.password, in: proxy.folder)
        var request = HTTPClientRequest(url: DashboardClient(baseURL: proxy.baseURL).root + "/api/v1/session")
        request.method = .POST
        request.headers.add(name: "x-forwarded-proto", value: "https")
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: #"{"email":"admin@acme.test","password":"\#(Self.password)"}"#))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        #expect(response.headers.first(name: "set-cookie")?.contains("; Secure") == true)

        let client = DashboardClient(baseURL: proxy.baseURL)
        #expect(try await client.signIn("admin@acme.test", Self.password).status == 200)
        try await DashboardClient.setPassword("admin@acme.test", Self.password + "!", in: proxy.folder)
        #expect(try await client.call(.GET, "/api/v1/session").status == 401)
        #expect(try await proxy.stop() == 0)
    }

    @Test func signInAttemptsAreLimitedPerAccountAndPerAddress() async throws {
        let proxy = try await CLIProxyTests.RunningProxy()
        try await DashboardClient.setPassword("dev@acme.test", Self.password, in: proxy.folder)
        let client = DashboardClient(baseURL: proxy.baseURL)
        for _ in 0..<5 { #expect(try await client.signIn("dev@acme.test", "wrong password here").status == 401) }
        // The right password now waits too: guessing cannot go on.
        let refused = try await client.signIn("dev@acme.test", Self.password)
        #expect(refused.status == 429)
        #expect(Int(refused.header("retry-after") ?? "") ?? 0 > 0)
        // Other accounts from this address, until the address's own limit (20) is spent.
        for index in 0..<15 { #expect(try await client.signIn("nobody\(index)@acme.test", Self.password).status == 401) }
        #expect(try await client.signIn("viewer@acme.test", Self.password).status == 429)
        #expect(try await proxy.stop() == 0)
    }

    @Test(arguments: TestDatabase.available)
    func aSignInLinkWorksOnceAndOnlyForAMember(kind: TestDatabase) async throws {
        try await kind.withFresh { url, _ in
            let environment = ["BROKLE_DATABASE_URL": url]
            let proxy = try await CLIProxyTests.RunningProxy(environment: environment)
            let token = try await DashboardClient.linkToken("viewer@acme.test", environment: environment, in: proxy.folder)
            let client = DashboardClient(baseURL: proxy.baseURL)
            let first = try await client.call(.POST, "/api/v1/session/link", json: #"{"token":"\#(token)"}"#)
            #expect(first.status == 200)
            #expect(first.json?["organizations"]?.arrayValue?.first?["role"]?.stringValue == "viewer")
            let again = DashboardClient(baseURL: proxy.baseURL)
            #expect(try await again.call(.POST, "/api/v1/session/link", json: #"{"token":"\#(token)"}"#).status == 401)
            #expect(try await again.call(.POST, "/api/v1/session/link", json: #"{"token":"junk"}"#).status == 401)
            #expect(try await again.call(.POST, "/api/v1/session/link", json: #"{"nope":1}"#).status == 400)

            let unknown = try await BrokleBinary.run(
                ["ui", "link", "--email", "stranger@acme.test"], environment: environment, in: proxy.folder)
            #expect(unknown.status == 6 && unknown.stdout.isEmpty)
            #expect(try await proxy.stop() == 0)
        }
    }

    @Test func membersSeeOnlyTheirOrganizationsAndLoseThemAtOnce() async throws {
        let proxy = try await CLIProxyTests.RunningProxy(environment: ["BROKLE_LOG_CONTENT": "full"])
        // Another organization with traces of its own.
        let demo = try await BrokleBinary.run(["seed", "--profile", "demo", "--traces", "5", "--log-level", "error"], in: proxy.folder)
        #expect(demo.status == 0)
        let theirs = try #require(
            try await BrokleBinary.run(["trace", "query", "--org", "demo-co", "--limit", "1"], in: proxy.folder).lines().first?["id"]?
                .stringValue)
        let ours = try await chat(proxy, prompt: "our own question")
        try await waitForTraces(1, ["--org", "acme"], environment: [:], in: proxy.folder)

        try await DashboardClient.setPassword("viewer@acme.test", Self.password, in: proxy.folder)
        let client = DashboardClient(baseURL: proxy.baseURL)
        #expect(try await client.signIn("viewer@acme.test", Self.password).status == 200)
        // Another organization's things do not exist for this member: 404, never 403.
        #expect(try await client.call(.GET, "/api/v1/orgs/demo-co/overview").status == 404)
        #expect(try await client.call(.GET, "/api/v1/orgs/demo-co/traces").status == 404)
        #expect(try await client.call(.GET, "/api/v1/orgs/acme/traces/\(theirs)").status == 404)
        let own = try await client.call(.GET, "/api/v1/orgs/acme/traces/\(ours)")
        #expect(own.status == 200)
        #expect(own.json?["content"]?["request"]?.stringValue?.contains("our own question") == true)
        let listing = try await client.call(.GET, "/api/v1/orgs/acme/traces?limit=10")
        #expect(listing.json?["traces"]?.arrayValue?.map { $0["id"]?.stringValue } == [ours])
        #expect(try await client.call(.GET, "/api/v1/orgs/acme/traces?status=bogus").status == 400)

        // Removed from the organization: its pages are gone on the next call.
        #expect(try await BrokleBinary.run(["orgs", "members", "remove", "acme", "viewer@acme.test"], in: proxy.folder).status == 0)
        #expect(try await client.call(.GET, "/api/v1/orgs/acme/traces/\(ours)").status == 404)
        #expect(try await client.call(.GET, "/api/v1/orgs/acme/overview").status == 404)
        #expect(try await proxy.stop() == 0)
    }

    @Test func theOverviewShowsWhatTheCostReportSays() async throws {
        let proxy = try await CLIProxyTests.RunningProxy()
        for index in 0..<3 { _ = try await chat(proxy, prompt: "question \(index)") }
        try await waitForTraces(3, ["--org", "acme"], environment: [:], in: proxy.folder)
        try await DashboardClient.setPassword("owner@acme.test", Self.password, in: proxy.folder)
        let client = DashboardClient(baseURL: proxy.baseURL)
        #expect(try await client.signIn("owner@acme.test", Self.password).status == 200)
        let overview = try #require(try await client.call(.GET, "/api/v1/orgs/acme/overview?range=24h&by=project").json)
        let report = try #require(
            try await BrokleBinary.run(["cost", "report", "--org", "acme", "--since", "24h"], in: proxy.folder).lines().last?["total"])
        for field in ["requests", "errors", "tokens_in", "tokens_out"] {
            #expect(overview["totals"]?[field]?.intValue == report[field]?.intValue, "\(field)")
        }
        #expect(overview["totals"]?["requests"]?.intValue == 3)
        #expect(overview["totals"]?["cost_usd"]?.doubleValue == report["cost_usd"]?.doubleValue)
        #expect(overview["groups"]?.arrayValue?.map { $0["key"]?.stringValue } == ["web"])
        // Latency percentiles over the (here whole) sample of the newest traces; no cache lookups, no rate.
        let recent = try #require(overview["recent"])
        let (p50, p95) = (recent["p50_ms"]?.doubleValue ?? -1, recent["p95_ms"]?.doubleValue ?? -1)
        #expect(recent["sample"]?.intValue == 3 && p50 > 0 && p95 >= p50 && recent["cache_hit_rate"] == nil)
        #expect(recent["cache_saved_usd"]?.doubleValue == 0)
        #expect(try await client.call(.GET, "/api/v1/orgs/acme/overview?range=1y").status == 400)
        #expect(try await proxy.stop() == 0)
    }

    @Test func endUsersSessionsAndProvidersAreListed() async throws {
        let proxy = try await CLIProxyTests.RunningProxy()
        var ids: [String] = []
        for index in 0..<3 {
            let user = index < 2 ? "ada" : "bob"
            ids.append(try await chat(proxy, prompt: "turn \(index)", headers: [("x-brokle-user", user), ("x-brokle-session", "conv-1")]))
        }
        try await waitForTraces(3, ["--org", "acme"], environment: [:], in: proxy.folder)
        try await DashboardClient.setPassword("viewer@acme.test", Self.password, in: proxy.folder)
        let client = DashboardClient(baseURL: proxy.baseURL)
        #expect(try await client.signIn("viewer@acme.test", Self.password).status == 200)

        let users = try #require(try await client.call(.GET, "/api/v1/orgs/acme/users?range=24h").json)
        #expect(users["rows"]?.arrayValue?.map { $0["key"]?.stringValue } == ["ada", "bob"])
        #expect(users["rows"]?.arrayValue?.first?["figures"]?["requests"]?.intValue == 2)
        let sessions = try #require(try await client.call(.GET, "/api/v1/orgs/acme/sessions").json)
        #expect(sessions["rows"]?.arrayValue?.map { $0["key"]?.stringValue } == ["conv-1"])
        // A conversation in order.
        let conversation = try #require(try await client.call(.GET, "/api/v1/orgs/acme/traces?session=conv-1&order=asc").json)
        #expect(conversation["traces"]?.arrayValue?.map { $0["id"]?.stringValue } == ids)
        #expect(try await client.call(.GET, "/api/v1/orgs/acme/traces?order=sideways").status == 400)

        let providers = try #require(try await client.call(.GET, "/api/v1/orgs/acme/providers").json)
        let chat = providers["deployments"]?.arrayValue?.first { $0["deployment"]?.stringValue == "mock/mock-chat" }
        #expect(chat?["circuit"]?.stringValue == "closed")
        #expect(providers["last_hour"]?.arrayValue?.first?["requests"]?.intValue == 3)
        #expect(try await client.call(.GET, "/api/v1/orgs/globex/providers").status == 404)
        #expect(try await proxy.stop() == 0)
    }

    @Test func theCachePageShowsHitsAndEntries() async throws {
        let yaml = """
            providers:
              mock: { kind: mock }
            models:
              mock-chat: { provider: mock, cache: { mode: exact, ttl: 10m } }
            """
        let proxy = try await CLIProxyTests.RunningProxy(yaml: yaml)
        for _ in 0..<3 { _ = try await chat(proxy, prompt: "the same question") }
        try await waitForTraces(3, ["--org", "acme"], environment: [:], in: proxy.folder)
        try await DashboardClient.setPassword("viewer@acme.test", Self.password, in: proxy.folder)
        let client = DashboardClient(baseURL: proxy.baseURL)
        #expect(try await client.signIn("viewer@acme.test", Self.password).status == 200)
        let cache = try #require(try await client.call(.GET, "/api/v1/orgs/acme/cache?range=24h").json)
        let stats = try #require(
            try await BrokleBinary.run(["cache", "stats", "--org", "acme", "--since", "24h"], in: proxy.folder).lines().last)
        #expect(cache["total"]?["exact_hits"]?.intValue == 2 && cache["total"]?["misses"]?.intValue == 1)
        #expect(cache["total"]?["exact_hits"]?.intValue == stats["total"]?["exact_hits"]?.intValue)
        #expect(cache["total"]?["entries"]?.intValue == 1)
        #expect(cache["models"]?.arrayValue?.first?["key"]?.stringValue == "mock-chat")
        #expect(try await client.call(.GET, "/api/v1/orgs/acme/cache?range=2d").status == 400)
        // The overview's sample sees the same hits: two of three lookups.
        let recent = try #require(try await client.call(.GET, "/api/v1/orgs/acme/overview").json?["recent"])
        #expect(recent["cache_lookups"]?.intValue == 3 && abs((recent["cache_hit_rate"]?.doubleValue ?? 0) - 2.0 / 3.0) < 1e-9)
        #expect(try await proxy.stop() == 0)
    }

    @Test func everyPageAndAnswerCarriesTheSecurityHeaders() async throws {
        let proxy = try await CLIProxyTests.RunningProxy()
        let client = DashboardClient(baseURL: proxy.baseURL)
        for path in ["/ui/", "/ui/app.js", "/ui/app.css", "/ui/missing.js", "/api/v1/session", "/api/v1/nothing/here"] {
            let answer = try await client.call(.GET, path)
            let policy = answer.header("content-security-policy") ?? ""
            #expect(policy.contains("script-src 'self'") && policy.contains("default-src 'none'") && !policy.contains("unsafe"), "\(path)")
            #expect(answer.header("x-content-type-options") == "nosniff", "\(path)")
            #expect(answer.header("x-frame-options") == "DENY", "\(path)")
            #expect(answer.header("cache-control") == "no-store", "\(path)")
        }
        let page = try await client.call(.GET, "/ui/")
        #expect(page.status == 200 && page.header("content-type")?.hasPrefix("text/html") == true)
        // No inline script or style: everything comes from the gateway's own files.
        #expect(!page.body.contains("<script>") && !page.body.contains("style=") && page.body.contains(#"src="/ui/app.js""#))
        #expect(try await client.call(.GET, "/ui/missing.js").status == 404)
        let unknown = try await client.call(.GET, "/api/v1/nothing/here")
        #expect(unknown.status == 404 && unknown.json?["error"]?["code"]?.stringValue == "not_found")
        #expect(try await proxy.stop() == 0)

        let off = try await CLIProxyTests.RunningProxy(environment: ["BROKLE_UI": "off"])
        let offClient = DashboardClient(baseURL: off.baseURL)
        #expect(try await offClient.call(.GET, "/ui/").status == 404)
        #expect(try await offClient.call(.GET, "/api/v1/session").status == 404)
        #expect(try await off.stop() == 0)
    }
}
