import Foundation
import Testing

/// Limits and budgets through the dashboard's API: every member reads them with the budgets' use,
/// admins and owners set and remove them (audited), others are refused and change nothing; a scope
/// of another organization does not exist.
@Suite struct DashboardLimitsTests {
    @Test func adminsSetAndRemoveLimitsAndBudgetsOthersRead() async throws {
        let proxy = try await CLIProxyTests.RunningProxy()
        let keys = DashboardKeysTests()
        let viewer = try await keys.signedIn("viewer@acme.test", proxy)
        let developer = try await keys.signedIn("dev@acme.test", proxy)
        let admin = try await keys.signedIn("admin@acme.test", proxy)
        let budget = #"{"scope":"acme/web","period":"month","usd":"5"}"#

        #expect(try await viewer.call(.GET, "/api/v1/orgs/acme/limits").json?["budgets"]?.arrayValue?.isEmpty == true)
        #expect(try await viewer.call(.PUT, "/api/v1/orgs/acme/budgets", json: budget).status == 403)
        #expect(try await developer.call(.PUT, "/api/v1/orgs/acme/budgets", json: budget).status == 403)
        #expect(try await admin.call(.PUT, "/api/v1/orgs/acme/budgets", json: budget, csrf: false).status == 403)
        let set = try await admin.call(.PUT, "/api/v1/orgs/acme/budgets", json: budget)
        #expect(set.status == 200)
        #expect(set.json?["scope"]?.stringValue == "acme/web" && set.json?["limit_usd"]?.doubleValue == 5)
        let row = try #require(try await viewer.call(.GET, "/api/v1/orgs/acme/limits").json?["budgets"]?.arrayValue?.first)
        #expect(row["scope"]?.stringValue == "acme/web" && row["period"]?.stringValue == "month")
        #expect(row["limit_usd"]?.doubleValue == 5 && row["spent_usd"]?.doubleValue == 0 && row["period_end"] != nil)

        let perUser = try await admin.call(
            .PUT, "/api/v1/orgs/acme/limits", json: #"{"scope":"acme/web/production","per_user":true,"rpm":20}"#)
        #expect(perUser.status == 200 && perUser.json?["kind"]?.stringValue == "end_user" && perUser.json?["rpm"]?.intValue == 20)
        // The CLI sees what the dashboard set.
        let listed = try await BrokleBinary.run(["limits", "list", "--org", "acme"], in: proxy.folder)
        #expect(try listed.lines().first?["rpm"]?.intValue == 20)

        // Bad input, other organizations, nothing to set.
        #expect(try await admin.call(.PUT, "/api/v1/orgs/acme/budgets", json: #"{"scope":"acme","period":"year","usd":"5"}"#).status == 400)
        #expect(try await admin.call(.PUT, "/api/v1/orgs/acme/budgets", json: #"{"scope":"acme","period":"day","usd":"-1"}"#).status == 400)
        #expect(
            try await admin.call(.PUT, "/api/v1/orgs/acme/budgets", json: #"{"scope":"globex","period":"day","usd":"1"}"#).status == 404)
        #expect(try await admin.call(.PUT, "/api/v1/orgs/acme/limits", json: #"{"scope":"acme"}"#).status == 400)
        #expect(try await admin.call(.PUT, "/api/v1/orgs/acme/limits", json: #"{"scope":"acme","per_user":true,"rpm":1}"#).status == 400)
        #expect(try await admin.call(.PUT, "/api/v1/orgs/acme/limits", json: #"{"scope":"acme/nope","rpm":1}"#).status == 404)

        #expect(try await viewer.call(.DELETE, "/api/v1/orgs/acme/budgets?scope=acme/web&period=month").status == 403)
        #expect(try await admin.call(.DELETE, "/api/v1/orgs/acme/budgets?scope=acme/web&period=month").status == 204)
        #expect(try await admin.call(.DELETE, "/api/v1/orgs/acme/limits?scope=acme/web/production&per_user=true").status == 204)
        let after = try #require(try await viewer.call(.GET, "/api/v1/orgs/acme/limits").json)
        #expect(after["budgets"]?.arrayValue?.isEmpty == true && after["limits"]?.arrayValue?.isEmpty == true)

        let audit = try await BrokleBinary.run(["audit", "query", "--org", "acme", "--actor", "admin@acme.test"], in: proxy.folder)
        #expect(try audit.lines().map { $0["action"]?.stringValue } == ["limit.remove", "budget.remove", "limit.set", "budget.set"])
        #expect(try await proxy.stop() == 0)
    }
}
