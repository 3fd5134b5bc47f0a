import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// Keys through the dashboard's API, role by role: every member lists them (never a secret or a
/// hash), developers manage them outside production, admins and owners anywhere, viewers not at
/// all; a new or rotated key's secret comes once; another organization's key does not exist.
@Suite struct DashboardKeysTests {
    func signedIn(_ email: String, _ proxy: CLIProxyTests.RunningProxy) async throws -> DashboardClient {
        try await DashboardClient.setPassword(email, DashboardAPITests.password, in: proxy.folder)
        let client = DashboardClient(baseURL: proxy.baseURL)
        #expect(try await client.signIn(email, DashboardAPITests.password).status == 200)
        return client
    }

    func status(_ proxy: CLIProxyTests.RunningProxy, key: String) async throws -> Int {
        var request = HTTPClientRequest(url: proxy.baseURL + "/models")
        request.headers.add(name: "authorization", value: "Bearer \(key)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        return Int(response.status.code)
    }

    @Test func rolesDecideWhoManagesWhichKeys() async throws {
        let proxy = try await CLIProxyTests.RunningProxy()
        let viewer = try await signedIn("viewer@acme.test", proxy)
        let developer = try await signedIn("dev@acme.test", proxy)
        let admin = try await signedIn("admin@acme.test", proxy)
        let production = #"{"project":"web","env":"production","name":"ui-prod"}"#
        let development = #"{"project":"web","env":"development","name":"ui-dev"}"#

        // Every member lists the keys: no secret, no hash.
        let listing = try await viewer.call(.GET, "/api/v1/orgs/acme/keys")
        #expect(listing.status == 200)
        #expect(listing.json?["keys"]?.arrayValue?.count == 4)
        #expect(listing.json?["environments"]?.arrayValue?.count == 4)
        #expect(!listing.body.contains("bk_") && !listing.body.contains("hash"))

        // A viewer changes nothing; a developer nothing in production.
        #expect(try await viewer.call(.POST, "/api/v1/orgs/acme/keys", json: development).status == 403)
        #expect(try await developer.call(.POST, "/api/v1/orgs/acme/keys", json: production).status == 403)
        let devKey = try await developer.call(.POST, "/api/v1/orgs/acme/keys", json: development)
        #expect(devKey.status == 201)
        let devSecret = try #require(devKey.json?["key"]?.stringValue)
        let devID = try #require(devKey.json?["id"]?.stringValue)
        #expect(devSecret.hasPrefix("bk_") && devKey.json?["production"]?.boolValue == false)
        #expect(try await status(proxy, key: devSecret) == 200)
        // Shown once: the listing has the key, never its secret.
        let after = try await developer.call(.GET, "/api/v1/orgs/acme/keys")
        #expect(after.json?["keys"]?.arrayValue?.count == 5 && !after.body.contains(devSecret))

        // Without the CSRF token nothing changes, whatever the role.
        #expect(try await admin.call(.POST, "/api/v1/orgs/acme/keys", json: production, csrf: false).status == 403)
        let prodKey = try await admin.call(.POST, "/api/v1/orgs/acme/keys", json: production)
        #expect(prodKey.status == 201)
        let prodID = try #require(prodKey.json?["id"]?.stringValue)
        #expect(try await viewer.call(.POST, "/api/v1/orgs/acme/keys/\(prodID)/revoke", json: "{}").status == 403)
        #expect(try await developer.call(.POST, "/api/v1/orgs/acme/keys/\(prodID)/revoke", json: "{}").status == 403)

        // Rotation: a new secret once (the old one stops once the gateways' key caches expire, BROKLE_AUTH_CACHE_TTL).
        let rotated = try await developer.call(.POST, "/api/v1/orgs/acme/keys/\(devID)/rotate", json: #"{"grace_seconds":0}"#)
        #expect(rotated.status == 200)
        let newSecret = try #require(rotated.json?["key"]?.stringValue)
        #expect(newSecret != devSecret)
        #expect(try await status(proxy, key: newSecret) == 200)

        // Revocation by an admin stops the key; a second revoke changes nothing.
        let revoked = try await admin.call(.POST, "/api/v1/orgs/acme/keys/\(devID)/revoke", json: "{}")
        #expect(revoked.status == 200 && revoked.json?["status"]?.stringValue == "revoked" && revoked.json?["key"] == nil)
        #expect(try await admin.call(.POST, "/api/v1/orgs/acme/keys/\(devID)/revoke", json: "{}").status == 200)
        #expect(try await admin.call(.POST, "/api/v1/orgs/acme/keys/\(devID)/rotate", json: "{}").status == 409)

        // Bad input and unknown things.
        #expect(try await admin.call(.POST, "/api/v1/orgs/acme/keys", json: #"{"project":"web","env":"nope"}"#).status == 404)
        #expect(try await admin.call(.POST, "/api/v1/orgs/acme/keys", json: #"{"project":"web"}"#).status == 400)
        #expect(
            try await admin.call(.POST, "/api/v1/orgs/acme/keys", json: #"{"project":"web","env":"development","expires_in_days":0}"#)
                .status == 400)
        #expect(try await admin.call(.POST, "/api/v1/orgs/acme/keys/no-such-key/revoke", json: "{}").status == 404)
        #expect(try await proxy.stop() == 0)
    }

    /// A change through the API leaves exactly one audit row naming the member and its address,
    /// with no secret in it; `brokle users passwd` leaves one too, without the hash.
    @Test func changesThroughTheAPIAreAudited() async throws {
        let proxy = try await CLIProxyTests.RunningProxy()
        let url = "sqlite:" + proxy.folder.appendingPathComponent("brokle.db").path
        var trail = AuditTrail(url: url)
        try await trail.sync()
        let admin = try await signedIn("admin@acme.test", proxy)
        try await trail.recorded(action: "user.set_password", target: "admin@acme.test")

        trail.actor = "admin@acme.test"
        let created = try await admin.call(.POST, "/api/v1/orgs/acme/keys", json: #"{"project":"web","env":"production","name":"audited"}"#)
        let secret = try #require(created.json?["key"]?.stringValue)
        let id = try #require(created.json?["id"]?.stringValue)
        let publicID = try #require(created.json?["public_id"]?.stringValue)
        let row = try await trail.recorded(action: "key.create", target: publicID)
        #expect(row["origin"]?.stringValue == "127.0.0.1")
        let rotated = try await admin.call(.POST, "/api/v1/orgs/acme/keys/\(id)/rotate", json: "{}")
        let rotatedSecret = try #require(rotated.json?["key"]?.stringValue)
        try await trail.recorded(action: "key.rotate", target: publicID)
        #expect(try await admin.call(.POST, "/api/v1/orgs/acme/keys/\(id)/revoke", json: "{}").status == 200)
        try await trail.recorded(action: "key.revoke", target: publicID)
        // Refused changes leave nothing.
        let viewer = try await signedIn("viewer@acme.test", proxy)
        try await trail.sync()
        #expect(try await viewer.call(.POST, "/api/v1/orgs/acme/keys", json: #"{"project":"web","env":"development"}"#).status == 403)
        #expect(try await trail.read().count == trail.rows.count)
        // The Audit page's API: owners and admins read the organization's log, others are refused.
        let page = try await admin.call(.GET, "/api/v1/orgs/acme/audit?action=key.")
        // Ours, newest first, after the seed's four keys.
        let actions = page.json?["rows"]?.arrayValue?.map { $0["action"]?.stringValue ?? "" } ?? []
        #expect(actions == ["key.revoke", "key.rotate"] + Array(repeating: "key.create", count: 5))
        #expect(page.json?["rows"]?.arrayValue?.first?["actor"]?.stringValue == "admin@acme.test")
        #expect(!page.body.contains(secret) && !page.body.contains(rotatedSecret))
        #expect(try await viewer.call(.GET, "/api/v1/orgs/acme/audit").status == 403)
        let everything = try await BrokleBinary.run(["audit", "query", "--limit", "10000"], environment: ["BROKLE_DATABASE_URL": url])
            .stdout
        #expect(everything.contains("admin@acme.test") && !everything.contains("$2b$"), "no bcrypt hash")
        for value in [secret, rotatedSecret, String(secret.split(separator: "_").last ?? "")] { #expect(!everything.contains(value)) }
        #expect(try await proxy.stop() == 0)
    }

    @Test func anotherOrganizationsKeyDoesNotExist() async throws {
        let proxy = try await CLIProxyTests.RunningProxy()
        #expect(try await BrokleBinary.run(["seed", "--profile", "demo", "--log-level", "error"], in: proxy.folder).status == 0)
        let theirs = try #require(
            try await BrokleBinary.run(["keys", "list", "--org", "demo-co"], in: proxy.folder).lines().first?["id"]?.stringValue)
        let owner = try await signedIn("owner@acme.test", proxy)
        #expect(try await owner.call(.POST, "/api/v1/orgs/acme/keys/\(theirs)/revoke", json: "{}").status == 404)
        #expect(try await owner.call(.POST, "/api/v1/orgs/demo-co/keys/\(theirs)/revoke", json: "{}").status == 404)
        #expect(try await owner.call(.GET, "/api/v1/orgs/demo-co/keys").status == 404)
        let still = try await BrokleBinary.run(["keys", "show", theirs], in: proxy.folder)
        #expect(try still.lines().first?["status"]?.stringValue == "active")
        #expect(try await proxy.stop() == 0)
    }
}
