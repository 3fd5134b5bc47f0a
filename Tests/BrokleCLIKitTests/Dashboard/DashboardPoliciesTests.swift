import Foundation
import Testing

/// Logging and guardrail policies through the dashboard's API: every member reads them, admins
/// and owners set and remove them (what the CLI then shows, audited), bad policies are refused
/// with the reason and change nothing.
@Suite struct DashboardPoliciesTests {
    @Test func adminsSetLoggingAndGuardrailsOthersRead() async throws {
        let proxy = try await CLIProxyTests.RunningProxy()
        let keys = DashboardKeysTests()
        let viewer = try await keys.signedIn("viewer@acme.test", proxy)
        let admin = try await keys.signedIn("admin@acme.test", proxy)
        let logging = #"{"scope":"acme","content":"redacted","trace_retention":"90d","content_retention":"7d"}"#
        let guardrails = #"{"scope":"acme/web/production","policy":{"input":{"email":"mask"},"restore":true}}"#

        #expect(try await viewer.call(.PUT, "/api/v1/orgs/acme/logging", json: logging).status == 403)
        #expect(try await viewer.call(.PUT, "/api/v1/orgs/acme/guardrails", json: guardrails).status == 403)
        let logged = try await admin.call(.PUT, "/api/v1/orgs/acme/logging", json: logging)
        #expect(logged.status == 200 && logged.json?["content"]?.stringValue == "redacted")
        #expect(logged.json?["trace_retention_seconds"]?.intValue == 90 * 86_400)
        let railed = try await admin.call(.PUT, "/api/v1/orgs/acme/guardrails", json: guardrails)
        #expect(railed.status == 200 && railed.json?["policy"]?["input"]?["email"]?.stringValue == "mask")

        // What the CLI sees.
        let shown = try await BrokleBinary.run(["logging", "show", "--org", "acme"], in: proxy.folder)
        #expect(try shown.lines().first?["content"]?.stringValue == "redacted")
        let rails = try await BrokleBinary.run(["guardrails", "show", "--env", "acme/web/production"], in: proxy.folder)
        #expect(rails.status == 0 && rails.stdout.contains("email"))

        // Every member reads them.
        let listing = try #require(try await viewer.call(.GET, "/api/v1/orgs/acme/policies").json)
        #expect(listing["logging"]?.arrayValue?.count == 1 && listing["guardrails"]?.arrayValue?.count == 1)

        // Refused with the reason, nothing changed.
        let before = try await BrokleBinary.run(["audit", "query", "--limit", "1000"], in: proxy.folder).lines().count
        #expect(try await admin.call(.PUT, "/api/v1/orgs/acme/logging", json: #"{"scope":"acme","content":"all"}"#).status == 400)
        #expect(
            try await admin.call(.PUT, "/api/v1/orgs/acme/logging", json: #"{"scope":"acme/web","trace_retention":"1d"}"#).status == 400)
        #expect(try await admin.call(.PUT, "/api/v1/orgs/acme/logging", json: #"{"scope":"acme"}"#).status == 400)
        let unknown = try await admin.call(
            .PUT, "/api/v1/orgs/acme/guardrails", json: #"{"scope":"acme","policy":{"input":{"badge":"mask"}}}"#)
        #expect(unknown.status == 400 && unknown.body.contains("badge"))
        #expect(try await admin.call(.PUT, "/api/v1/orgs/acme/guardrails", json: #"{"scope":"acme","policy":{"input":5}}"#).status == 400)
        #expect(try await BrokleBinary.run(["audit", "query", "--limit", "1000"], in: proxy.folder).lines().count == before)

        #expect(try await admin.call(.DELETE, "/api/v1/orgs/acme/guardrails?scope=acme/web/production").status == 204)
        #expect(try await admin.call(.DELETE, "/api/v1/orgs/acme/logging?scope=acme").status == 204)
        #expect(try await admin.call(.DELETE, "/api/v1/orgs/acme/logging?scope=acme").status == 404)
        let audit = try await BrokleBinary.run(["audit", "query", "--org", "acme", "--actor", "admin@acme.test"], in: proxy.folder)
        #expect(
            try audit.lines().map { $0["action"]?.stringValue } == ["logging.remove", "guardrails.remove", "guardrails.set", "logging.set"])
        #expect(try await proxy.stop() == 0)
    }
}
