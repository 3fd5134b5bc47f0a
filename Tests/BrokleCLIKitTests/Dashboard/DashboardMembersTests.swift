import Foundation
import Testing

/// Members through the dashboard's API: every member sees who belongs, only owners add, change and
/// remove (the last owner stays), audited as the owner; a member removed there loses the
/// organization on its next call.
@Suite struct DashboardMembersTests {
    @Test func ownersManageMembersOthersRead() async throws {
        let proxy = try await CLIProxyTests.RunningProxy()
        let keys = DashboardKeysTests()
        let owner = try await keys.signedIn("owner@acme.test", proxy)
        let admin = try await keys.signedIn("admin@acme.test", proxy)
        let viewer = try await keys.signedIn("viewer@acme.test", proxy)

        let listed = try await viewer.call(.GET, "/api/v1/orgs/acme/members")
        #expect(listed.json?["members"]?.arrayValue?.count == 4 && !listed.body.contains("password"))
        let new = #"{"email":"New.Person@Acme.test","name":"New","role":"developer"}"#
        #expect(try await admin.call(.POST, "/api/v1/orgs/acme/members", json: new).status == 403)
        #expect(try await viewer.call(.POST, "/api/v1/orgs/acme/members", json: new).status == 403)
        let added = try await owner.call(.POST, "/api/v1/orgs/acme/members", json: new)
        #expect(added.status == 201 && added.json?["email"]?.stringValue == "new.person@acme.test")
        #expect(try await owner.call(.POST, "/api/v1/orgs/acme/members", json: new).status == 409)
        #expect(try await owner.call(.POST, "/api/v1/orgs/acme/members", json: #"{"email":"x@acme.test","role":"king"}"#).status == 400)
        #expect(try await owner.call(.POST, "/api/v1/orgs/acme/members", json: #"{"email":"not-an-email","role":"viewer"}"#).status == 400)

        let promoted = try await owner.call(.PUT, "/api/v1/orgs/acme/members/viewer%40acme.test", json: #"{"role":"admin"}"#)
        #expect(promoted.status == 200 && promoted.json?["role"]?.stringValue == "admin")
        #expect(try await viewer.call(.GET, "/api/v1/orgs/acme/audit").status == 200, "the new role applies at once")
        // The last owner stays.
        #expect(try await owner.call(.PUT, "/api/v1/orgs/acme/members/owner%40acme.test", json: #"{"role":"viewer"}"#).status == 409)
        #expect(try await owner.call(.DELETE, "/api/v1/orgs/acme/members/nobody%40acme.test").status == 404)
        #expect(try await owner.call(.DELETE, "/api/v1/orgs/acme/members/admin%40acme.test").status == 204)
        #expect(try await admin.call(.GET, "/api/v1/orgs/acme/overview").status == 404, "removed: gone at once")

        let audit = try await BrokleBinary.run(["audit", "query", "--org", "acme", "--actor", "owner@acme.test"], in: proxy.folder)
        #expect(try audit.lines().map { $0["action"]?.stringValue } == ["member.remove", "member.set_role", "member.add"])
        #expect(try await proxy.stop() == 0)
    }
}
