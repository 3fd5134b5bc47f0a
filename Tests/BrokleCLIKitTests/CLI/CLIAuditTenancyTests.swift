@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

/// Audit rows of tenancy and key changes made through the built binary: exactly one per change,
/// with its actor, action, target and before/after; none for a refused change; never a secret.
@Suite struct CLIAuditTenancyTests {
    @Test(arguments: TestDatabase.available)
    func tenancyChangesLeaveOneRowEach(kind db: TestDatabase) async throws {
        try await db.withMigrated { url, _ in
            var audit = AuditTrail(url: url)
            let org = try await audit.change(["orgs", "create", "acme", "--plan", "pro"], action: "organization.create", target: "acme")
            #expect(org["before"] == .null && org["after"]?["plan"] == .string("pro") && org["org"] == .string("acme"))
            try await audit.unchanged(["orgs", "create", "acme"], status: 7)
            try await audit.unchanged(["orgs", "create", "acme", "--if-not-exists"], status: 0)
            let update = try await audit.change(
                ["orgs", "update", "acme", "--name", "Acme Inc"], action: "organization.update", target: "acme")
            #expect(update["before"]?["name"] == .string("acme") && update["after"]?["name"] == .string("Acme Inc"))

            let project = try await audit.change(["orgs", "projects", "create", "acme/web"], action: "project.create", target: "acme/web")
            #expect(project["after"]?["environments"] == .array([.string("development"), .string("production")]))
            try await audit.unchanged(["orgs", "projects", "create", "nope/web"], status: 6)
            try await audit.change(
                ["orgs", "envs", "create", "acme/web/staging"], action: "environment.create", target: "acme/web/staging")
            try await audit.unchanged(["orgs", "envs", "create", "acme/web/staging"], status: 7)

            let member = try await audit.change(
                ["orgs", "members", "add", "acme", "ada@acme.test", "--role", "owner"], action: "member.add", target: "acme/ada@acme.test")
            #expect(member["after"]?["role"] == .string("owner"))
            try await audit.change(
                ["orgs", "members", "add", "acme", "bob@acme.test", "--role", "viewer"], action: "member.add", target: "acme/bob@acme.test")
            try await audit.unchanged(["orgs", "members", "set-role", "acme", "ada@acme.test", "--role", "viewer"], status: 7)
            try await audit.unchanged(["orgs", "members", "add", "acme", "x@acme.test", "--role", "superuser"], status: 2)
            let role = try await audit.change(
                ["orgs", "members", "set-role", "acme", "bob@acme.test", "--role", "admin"], action: "member.set_role",
                target: "acme/bob@acme.test")
            #expect(role["before"]?["role"] == .string("viewer") && role["after"]?["role"] == .string("admin"))
            try await audit.unchanged(["orgs", "members", "set-role", "acme", "bob@acme.test", "--role", "admin"], status: 0)
            try await audit.change(
                ["orgs", "members", "remove", "acme", "bob@acme.test"], action: "member.remove", target: "acme/bob@acme.test")

            try await audit.change(
                ["orgs", "envs", "delete", "acme/web/staging", "--yes"], action: "environment.delete", target: "acme/web/staging")
            try await audit.change(["orgs", "projects", "delete", "acme/web", "--yes"], action: "project.delete", target: "acme/web")
            let deleted = try await audit.change(["orgs", "delete", "acme", "--yes"], action: "organization.delete", target: "acme")
            #expect(deleted["after"] == .null && deleted["before"]?["name"] == .string("Acme Inc"))
            // The deleted organization's history still reads by its slug.
            let history = try await audit.brokle(["audit", "query", "--org", "acme"])
            #expect(try history.lines().count == audit.rows.count)
        }
    }

    @Test(arguments: TestDatabase.available)
    func keyChangesNeverRecordTheSecret(kind db: TestDatabase) async throws {
        try await db.withMigrated { url, database in
            var audit = AuditTrail(url: url, actor: "ops@acme.test")
            try await audit.change(["orgs", "create", "acme"], action: "organization.create", target: "acme")
            try await audit.change(["orgs", "projects", "create", "acme/web"], action: "project.create", target: "acme/web")
            let created = try await audit.brokle(
                [
                    "keys", "create", "--project", "acme/web", "--env", "production", "--name", "ci", "--rpm", "60", "--budget-usd", "5",
                    "--budget-period", "day",
                ])
            let line = try #require(try created.lines().first)
            let publicID = try #require(line["public_id"]?.stringValue)
            var secrets = [try #require(line["key"]?.stringValue)]
            let row = try await audit.recorded(action: "key.create", target: publicID)
            #expect(row["after"]?["limits"]?["rpm"] == .int(60) && row["after"]?["budget"]?["limit_usd"]?["day"] == .int(5))
            #expect(row["after"]?["name"] == .string("ci") && row["after"]?["environment"] == .string("acme/web/production"))

            let rotated = try await audit.brokle(["keys", "rotate", publicID, "--grace", "1h"])
            secrets.append(try #require(try rotated.lines().first?["key"]?.stringValue))
            let rotation = try await audit.recorded(action: "key.rotate", target: publicID)
            #expect(rotation["after"]?["secret_rotated"] == .bool(true) && rotation["after"]?["previous_secret_valid_until"] != .null)

            let revoke = try await audit.change(["keys", "revoke", publicID], action: "key.revoke", target: publicID)
            #expect(revoke["before"]?["revoked_at"] == .null && revoke["after"]?["revoked_at"]?.stringValue != nil)
            try await audit.unchanged(["keys", "revoke", publicID], status: 0)
            try await audit.unchanged(["keys", "rotate", publicID], status: 7)

            // No secret, no hash, not even the secret part alone: in the printed rows, and in the table.
            var forbidden: [String] = []
            for text in secrets {
                let token = try #require(APIKeyToken(parsing: text))
                forbidden += [text, token.secret, token.secretHash]
            }
            let printed = try await audit.brokle(["audit", "query"]).stdout
            let stored = try await database.sql.raw("SELECT * FROM audit_log").all().map { row in
                try ["id", "actor", "origin", "action", "target", "before", "after"].map {
                    try row.decode(column: $0, as: String?.self) ?? ""
                }
                .joined(separator: "|")
            }.joined(separator: "\n")
            #expect(stored.contains(publicID) && printed.contains(publicID))
            for secret in forbidden {
                #expect(!printed.contains(secret) && !stored.contains(secret))
            }
            if case .sqlite(let path) = try DatabaseURL(parsing: url) {
                // Only the hash is kept (in api_keys): the secret is nowhere in the file or its log.
                for file in [path, path + "-wal"] {
                    guard let bytes = FileManager.default.contents(atPath: file) else { continue }
                    for text in secrets {
                        let secret = try #require(APIKeyToken(parsing: text)).secret
                        #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file)")
                    }
                }
            }
        }
    }
}
