@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

@Suite struct CLITenancyTests {
    func brokle(_ arguments: [String], _ url: String) async throws -> BrokleBinary.Result {
        try await BrokleBinary.run(arguments + ["--log-level", "error"], environment: ["BROKLE_DATABASE_URL": url])
    }

    func rowCount(_ database: Database, _ table: String) async throws -> Int {
        try await database.sql.raw("SELECT count(*) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int.self)
    }

    @Test(arguments: TestDatabase.available)
    func provisioningScriptRunsTwiceWithoutDuplicates(kind db: TestDatabase) async throws {
        try await db.withMigrated { url, database in
            var keys: [String] = []
            for _ in 0..<2 {
                let org = try await brokle(["orgs", "create", "acme", "--if-not-exists"], url)
                #expect(org.status == 0)
                #expect(try org.lines().first?["slug"] == .string("acme"))
                let project = try await brokle(["orgs", "projects", "create", "acme/web", "--if-not-exists"], url)
                #expect(project.status == 0)
                #expect(try project.lines().first?["path"] == .string("acme/web"))
                let key = try await brokle(["keys", "create", "--project", "acme/web", "--env", "production"], url)
                #expect(key.status == 0)
                let text = try #require(try key.lines().first?["key"]?.stringValue)
                #expect(APIKeyToken(parsing: text) != nil)
                keys.append(text)
            }
            #expect(Set(keys).count == 2)
            #expect(try await rowCount(database, "organizations") == 1)
            #expect(try await rowCount(database, "projects") == 1)
            #expect(try await rowCount(database, "environments") == 2)

            // A named key with --if-not-exists is reused, without its secret.
            let named = try await brokle(
                ["keys", "create", "--project", "acme/web", "--env", "production", "--name", "ci", "--if-not-exists"], url)
            let again = try await brokle(
                ["keys", "create", "--project", "acme/web", "--env", "production", "--name", "ci", "--if-not-exists"], url)
            #expect(try named.lines().first?["key"] != nil)
            #expect(try again.lines().first?["key"] == nil)
            #expect(try again.lines().first?["id"] == named.lines().first?["id"])

            // Listing never shows a secret or a hash.
            let list = try await brokle(["keys", "list"], url)
            #expect(try list.lines().count == 3)
            let hashes = try await database.sql.raw("SELECT secret_hash FROM api_keys").all().map {
                try $0.decode(column: "secret_hash", as: String.self)
            }
            for key in keys + [try named.lines().first!["key"]!.stringValue!] {
                let secret = String(key.split(separator: "_").last!)
                #expect(!list.stdout.contains(secret))
            }
            for hash in hashes { #expect(!list.stdout.contains(hash)) }
            #expect(try list.lines().allSatisfy { $0["key"] == nil && $0["prefix"]?.stringValue?.hasSuffix("_…") == true })

            // The CLI's keys authenticate through the library function the gateway will call.
            let context = try await KeyStore(database).authenticate(keys[0]).get()
            #expect(context.orgSlug == "acme" && context.environmentSlug == "production")
        }
    }

    @Test(arguments: TestDatabase.available)
    func badInputsGiveOneJSONErrorAndChangeNothing(kind db: TestDatabase) async throws {
        try await db.withMigrated { url, database in
            #expect(try await brokle(["orgs", "create", "acme"], url).status == 0)
            #expect(try await brokle(["orgs", "members", "add", "acme", "owner@acme.test", "--role", "owner"], url).status == 0)
            let cases: [([String], Int32, String)] = [
                (["orgs", "projects", "create", "nope/web"], 6, "not_found"),
                (["orgs", "create", "acme"], 7, "conflict"),
                (["orgs", "create", "Bad_Slug"], 2, "usage"),
                (["orgs", "members", "remove", "acme", "owner@acme.test"], 7, "conflict"),
                (["orgs", "members", "set-role", "acme", "owner@acme.test", "--role", "viewer"], 7, "conflict"),
                (["orgs", "members", "add", "acme", "x@acme.test", "--role", "superuser"], 2, "usage"),
                (["orgs", "members", "add", "acme", "not-an-email", "--role", "viewer"], 2, "usage"),
                (["keys", "create", "--project", "acme/web", "--env", "production"], 6, "not_found"),
                (["keys", "create", "--project", "acme", "--env", "production"], 2, "usage"),
                (["keys", "create", "--project", "acme/web", "--env", "production", "--expires-in", "soon"], 2, "usage"),
                (["keys", "revoke", "nope"], 6, "not_found"),
                (["orgs", "delete", "acme"], 8, "confirmation_required"),
            ]
            for (arguments, status, type) in cases {
                let result = try await brokle(arguments, url)
                #expect(result.status == status, "\(arguments): \(result.stderr)")
                #expect(result.stdout.isEmpty, "\(arguments)")
                let errors = result.stderr.split(separator: "\n").filter { $0.contains(#""error""#) }
                #expect(errors.count == 1, "\(arguments)")
                #expect(try result.errorLine()?["error"]?["type"] == .string(type), "\(arguments)")
            }
            #expect(try await rowCount(database, "organizations") == 1)
            #expect(try await rowCount(database, "projects") == 0)
            #expect(try await rowCount(database, "memberships") == 1)
            #expect(try await rowCount(database, "users") == 1)
            #expect(try await rowCount(database, "api_keys") == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func revokeRotateAndDelete(kind db: TestDatabase) async throws {
        try await db.withMigrated { url, database in
            _ = try await brokle(["orgs", "create", "acme", "--plan", "pro"], url)
            _ = try await brokle(["orgs", "projects", "create", "acme/web", "--envs", "staging,production"], url)
            #expect(
                try await brokle(["orgs", "envs", "list", "acme/web"], url).lines().map { $0["slug"] } == [
                    .string("production"), .string("staging"),
                ])
            let created = try await brokle(
                ["keys", "create", "--project", "acme/web", "--env", "staging", "--models", "gpt-4o,claude-*", "--expires-in", "30d"], url
            ).lines()[0]
            let id = try #require(created["id"]?.stringValue)
            #expect(created["models"] == .array([.string("gpt-4o"), .string("claude-*")]))
            #expect(created["expires_at"]?.stringValue != nil)

            let rotated = try await brokle(["keys", "rotate", id, "--grace", "1h"], url).lines()[0]
            let newKey = try #require(rotated["key"]?.stringValue)
            #expect(newKey != created["key"]?.stringValue)
            #expect(rotated["previous_secret_valid_until"]?.stringValue != nil)
            let store = KeyStore(database)
            #expect((try? await store.authenticate(created["key"]!.stringValue!).get()) != nil, "old secret works during the grace")
            #expect((try? await store.authenticate(newKey).get()) != nil)

            let revoked = try await brokle(["keys", "revoke", id], url).lines()[0]
            #expect(revoked["status"] == .string("revoked"))
            #expect((try? await store.authenticate(newKey).get()) == nil)
            #expect(try await brokle(["keys", "list"], url).stdout.isEmpty)
            #expect(try await brokle(["keys", "list", "--include-revoked"], url).lines().count == 1)
            #expect(
                try await brokle(["keys", "show", try #require(created["public_id"]?.stringValue)], url).lines().first?["id"] == .string(id)
            )

            // A revoked key no longer blocks deleting its project; the org needs --cascade while it has projects.
            #expect(try await brokle(["orgs", "delete", "acme", "--yes"], url).status == 7)
            #expect(try await brokle(["orgs", "projects", "delete", "acme/web", "--yes"], url).status == 0)
            #expect(
                try await brokle(["orgs", "update", "acme", "--plan", "enterprise", "--name", "Acme"], url).lines().first?["plan"]
                    == .string("enterprise"))
            #expect(try await brokle(["orgs", "delete", "acme", "--yes"], url).status == 0)
            #expect(try await brokle(["orgs", "list"], url).stdout.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func seedIsRepeatableAndPrintsSecretsOnce(kind db: TestDatabase) async throws {
        try await db.withMigrated { url, database in
            let first = try await brokle(["seed", "--traces", "300"], url)
            #expect(first.status == 0)
            let lines = try first.lines()
            #expect(lines.filter { $0["kind"] == .string("project") }.count == 2)
            #expect(lines.filter { $0["kind"] == .string("key") && $0["key"] != nil }.count == 4)
            #expect(lines.last?["count"] == .int(300))

            let second = try await brokle(["seed", "--traces", "300"], url)
            #expect(second.status == 0)
            #expect(try second.lines().allSatisfy { $0["created"] == .bool(false) && $0["key"] == nil })
            #expect(try await rowCount(database, "traces") == 300)
            #expect(try await rowCount(database, "api_keys") == 4)
            #expect(try await rowCount(database, "memberships") == 4)

            #expect(try await brokle(["seed", "--traces", "500"], url).lines().last?["count"] == .int(200))
            let models = try await database.sql.raw("SELECT count(DISTINCT model_requested) AS n FROM traces").first()!.decode(
                column: "n", as: Int.self)
            #expect(models >= 5)
            #expect(try await brokle(["seed", "--profile", "nope"], url).status == 2)
        }
    }

    @Test func commandsRefuseAnUnmigratedDatabase() async throws {
        let folder = try BrokleBinary.scratchDirectory()
        let result = try await BrokleBinary.run(["orgs", "list"], in: folder)
        #expect(result.status == 9)
        #expect(try result.errorLine()?["error"]?["hint"]?.stringValue?.contains("brokle migrate up") == true)
    }
}
