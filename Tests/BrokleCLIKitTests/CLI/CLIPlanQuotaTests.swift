@testable import BrokleCLIKit
import Foundation
import Testing

/// `brokle orgs members add` within the plan's member limit: the shipped table and brokle.yaml's `plans:`.
@Suite struct CLIPlanQuotaTests {
    @Test func membersAddStopsAtThePlanLimitFromBrokleYaml() async throws {
        let folder = try BrokleBinary.scratchDirectory()
        _ = try await BrokleBinary.run(["migrate", "up"], in: folder)
        _ = try await BrokleBinary.run(["orgs", "create", "acme"], in: folder)
        for index in 1...5 {
            #expect(
                try await BrokleBinary.run(["orgs", "members", "add", "acme", "m\(index)@acme.test", "--role", "owner"], in: folder).status
                    == 0)
        }
        let refused = try await BrokleBinary.run(["orgs", "members", "add", "acme", "m6@acme.test", "--role", "viewer"], in: folder)
        #expect(refused.status == 7)
        let error = try #require(try refused.errorLine()?["error"])
        #expect(error["message"] == .string("acme is on the free plan, which allows 5 members (5 now)"))
        #expect(error["hint"]?.stringValue?.contains("brokle orgs update acme --plan pro") == true)

        try "plans:\n  free: { members: 6 }\n".write(to: folder.appendingPathComponent("brokle.yaml"), atomically: true, encoding: .utf8)
        #expect(try await BrokleBinary.run(["orgs", "members", "add", "acme", "m6@acme.test", "--role", "viewer"], in: folder).status == 0)
        let seventh = try await BrokleBinary.run(["orgs", "members", "add", "acme", "m7@acme.test", "--role", "viewer"], in: folder)
        #expect(try seventh.errorLine()?["error"]?["message"] == .string("acme is on the free plan, which allows 6 members (6 now)"))

        try "plans:\n  free: { members: -2 }\n".write(to: folder.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let bad = try await BrokleBinary.run(
            ["orgs", "members", "add", "acme", "m7@acme.test", "--role", "viewer", "--config", "bad.yaml"], in: folder)
        #expect(bad.status == 3)
        #expect(try bad.errorLine()?["error"]?["message"]?.stringValue?.contains("plans.free.members") == true)
    }
}
