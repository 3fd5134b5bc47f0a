@testable import BrokleCore
import Foundation
import Testing

/// `brokle audit query`: its filters, paging and errors, on both databases.
@Suite struct CLIAuditQueryTests {
    @Test(arguments: TestDatabase.available)
    func filtersAndPages(kind db: TestDatabase) async throws {
        try await db.withMigrated { url, _ in
            let alice = AuditTrail(url: url, actor: "alice@acme.test")
            let bob = AuditTrail(url: url)
            #expect(try await alice.brokle(["orgs", "create", "acme"]).status == 0)
            #expect(try await bob.brokle(["orgs", "create", "beta"]).status == 0)
            #expect(try await alice.brokle(["orgs", "projects", "create", "acme/web"]).status == 0)
            let key = try await bob.brokle(["keys", "create", "--project", "acme/web", "--env", "production"])
            let publicID = try #require(try key.lines().first?["public_id"]?.stringValue)
            #expect(try await bob.brokle(["keys", "revoke", publicID]).status == 0)
            #expect(try await alice.brokle(["limits", "set", "--org", "beta", "--rpm", "5"]).status == 0)

            func query(_ arguments: [String]) async throws -> [JSONLine] {
                let result = try await alice.brokle(["audit", "query"] + arguments)
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
                return try result.lines()
            }
            let all = try await query([])
            #expect(
                all.map { $0["action"]?.stringValue } == [
                    "limit.set", "key.revoke", "key.create", "project.create", "organization.create", "organization.create",
                ])
            let ids = all.compactMap { $0["id"]?.stringValue }
            #expect(ids == ids.sorted(by: >) && ids.allSatisfy { $0.hasPrefix("aud_") })

            #expect(try await query(["--org", "acme"]).count == 4)
            #expect(try await query(["--org", "beta"]).map { $0["action"]?.stringValue } == ["limit.set", "organization.create"])
            #expect(try await query(["--actor", "alice@acme.test"]).count == 3)
            #expect(try await query(["--actor", AuditTrail.defaultActor]).count == 3)
            #expect(try await query(["--action", "key."]).map { $0["action"]?.stringValue } == ["key.revoke", "key.create"])
            #expect(try await query(["--action", "organization.create"]).count == 2)
            #expect(try await query(["--action", "key_"]).isEmpty)
            #expect(try await query(["--target", publicID]).count == 2)
            #expect(try await query(["--since", "1h"]).count == 6)
            #expect(try await query(["--until", "1h"]).isEmpty)
            #expect(try await query(["--since", "2000-01-01T00:00:00Z", "--until", "2999-01-01T00:00:00Z"]).count == 6)

            // Paging: --limit, then --before the last id seen, until a page comes back short.
            var seen: [String] = []
            var before: String?
            while true {
                let page = try await query(["--limit", "4"] + (before.map { ["--before", $0] } ?? []))
                seen += page.compactMap { $0["id"]?.stringValue }
                guard page.count == 4, let last = seen.last else { break }
                before = last
            }
            #expect(seen == ids)

            let table = try await alice.brokle(["audit", "query", "--format", "table", "--action", "key."])
            #expect(table.stdout.hasPrefix("OCCURRED_AT") && table.stdout.contains("key.revoke"))

            for (arguments, status) in [
                (["--limit", "0"], Int32(2)), (["--before", "nope"], 2), (["--since", "soon"], 2), (["--org", "nope"], 6),
                (["--since", "1h", "--until", "2h"], 2),
            ] {
                let bad = try await alice.brokle(["audit", "query"] + arguments)
                #expect(bad.status == status && bad.stdout.isEmpty, "\(arguments): \(bad.stderr)")
                #expect(try bad.errorLine()?["error"]?["type"]?.stringValue != nil)
            }
        }
    }
}
