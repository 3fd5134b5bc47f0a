import Foundation
import NIOHTTP1
import Testing

/// Every dashboard API route against every kind of caller that must be refused: no session (401),
/// a change without the CSRF token (403), a role that may not (403), another organization (404),
/// another site (403) — and none of them changes anything (no audit row appears).
@Suite struct DashboardAccessTests {
    struct Route {
        var method: HTTPMethod
        var path: String
        var body: String?
        /// Whether a viewer is refused (a change only admins, owners or developers may make).
        var viewerRefused: Bool
    }

    static let reads: [Route] = [
        "overview", "traces", "users", "sessions", "providers", "keys", "limits", "cache", "members", "audit", "policies",
    ].map { Route(method: .GET, path: "/api/v1/orgs/ORG/\($0)", body: nil, viewerRefused: $0 == "audit") }

    static func changes(key: String) -> [Route] {
        [
            Route(method: .POST, path: "/api/v1/orgs/ORG/keys", body: #"{"project":"web","env":"development"}"#, viewerRefused: true),
            Route(method: .POST, path: "/api/v1/orgs/ORG/keys/\(key)/revoke", body: "{}", viewerRefused: true),
            Route(method: .POST, path: "/api/v1/orgs/ORG/keys/\(key)/rotate", body: "{}", viewerRefused: true),
            Route(method: .PUT, path: "/api/v1/orgs/ORG/limits", body: #"{"scope":"ORG","rpm":5}"#, viewerRefused: true),
            Route(method: .DELETE, path: "/api/v1/orgs/ORG/limits?scope=ORG", body: nil, viewerRefused: true),
            Route(method: .PUT, path: "/api/v1/orgs/ORG/budgets", body: #"{"scope":"ORG","period":"day","usd":"1"}"#, viewerRefused: true),
            Route(method: .DELETE, path: "/api/v1/orgs/ORG/budgets?scope=ORG", body: nil, viewerRefused: true),
            Route(method: .POST, path: "/api/v1/orgs/ORG/members", body: #"{"email":"z@acme.test","role":"viewer"}"#, viewerRefused: true),
            Route(method: .PUT, path: "/api/v1/orgs/ORG/members/dev%40acme.test", body: #"{"role":"admin"}"#, viewerRefused: true),
            Route(method: .DELETE, path: "/api/v1/orgs/ORG/members/dev%40acme.test", body: nil, viewerRefused: true),
            Route(method: .PUT, path: "/api/v1/orgs/ORG/logging", body: #"{"scope":"ORG","content":"full"}"#, viewerRefused: true),
            Route(method: .DELETE, path: "/api/v1/orgs/ORG/logging?scope=ORG", body: nil, viewerRefused: true),
            Route(
                method: .PUT, path: "/api/v1/orgs/ORG/guardrails", body: #"{"scope":"ORG","policy":{"input":{"email":"mask"}}}"#,
                viewerRefused: true),
            Route(method: .DELETE, path: "/api/v1/orgs/ORG/guardrails?scope=ORG", body: nil, viewerRefused: true),
        ]
    }

    func auditRows(_ proxy: CLIProxyTests.RunningProxy) async throws -> Int {
        try await BrokleBinary.run(["audit", "query", "--limit", "10000"], in: proxy.folder).lines().count
    }

    @Test func everyRouteRefusesWhoeverMayNotUseIt() async throws {
        let proxy = try await CLIProxyTests.RunningProxy()
        #expect(try await BrokleBinary.run(["seed", "--profile", "demo", "--log-level", "error"], in: proxy.folder).status == 0)
        let key = try #require(
            try await BrokleBinary.run(["keys", "list", "--org", "acme"], in: proxy.folder).lines().first?["id"]?.stringValue)
        let keys = DashboardKeysTests()
        let viewer = try await keys.signedIn("viewer@acme.test", proxy)
        let owner = try await keys.signedIn("owner@acme.test", proxy)
        let nobody = DashboardClient(baseURL: proxy.baseURL)
        let before = try await auditRows(proxy)

        for route in Self.reads + Self.changes(key: key) {
            let ours = route.path.replacingOccurrences(of: "ORG", with: "acme")
            let theirs = route.path.replacingOccurrences(of: "ORG", with: "demo-co")
            let body = route.body?.replacingOccurrences(of: "ORG", with: "acme")
            let label = "\(route.method) \(ours)"
            #expect(try await nobody.call(route.method, ours, json: body).status == 401, "\(label): no session")
            #expect(try await owner.call(route.method, theirs, json: body).status == 404, "\(label): another organization")
            if route.method != .GET {
                #expect(try await owner.call(route.method, ours, json: body, csrf: false).status == 403, "\(label): no CSRF token")
                let crossSite = DashboardClient(baseURL: proxy.baseURL)
                crossSite.cookie = owner.cookie
                crossSite.csrf = owner.csrf
                #expect(
                    try await crossSite.call(route.method, ours, json: body, headers: [("sec-fetch-site", "cross-site")]).status == 403,
                    "\(label): from another site")
            }
            if route.viewerRefused {
                #expect(try await viewer.call(route.method, ours, json: body).status == 403, "\(label): viewer")
            }
        }
        #expect(try await nobody.call(.GET, "/api/v1/events?org=acme").status == 401)
        #expect(try await owner.call(.GET, "/api/v1/events?org=demo-co").status == 404)
        // A JSON body must say so: a cross-site form cannot send application/json.
        #expect(
            try await nobody.call(.POST, "/api/v1/session", json: #"{"email":"a@b.c","password":"x"}"#, contentType: "text/plain")
                .status == 415)
        #expect(try await auditRows(proxy) == before, "nothing refused left an audit row")
        #expect(try await proxy.stop() == 0)
    }
}
