@testable import BrokleCLIKit
import Foundation
import Testing

/// `brokle limits` through the built binary, on both databases, and the scope flags every
/// `limits` and `budgets` command shares.
@Suite struct CLILimitsTests {
    func brokle(_ arguments: [String], _ url: String) async throws -> BrokleBinary.Result {
        try await BrokleBinary.run(arguments + ["--log-level", "error"], environment: ["BROKLE_DATABASE_URL": url])
    }

    @Test(arguments: TestDatabase.available)
    func limitsSetListShowRemove(kind db: TestDatabase) async throws {
        try await db.withMigrated { url, _ in
            let key = try await CLIFixture.acmeWithKey(url)
            let set = try await brokle(["limits", "set", "--project", "acme/web", "--rpm", "600", "--tpm", "200000"], url)
            #expect(set.status == 0, "\(set.stderr)")
            let row = try #require(try set.lines().first)
            #expect(row["scope"] == .string("project") && row["path"] == .string("acme/web") && row["org"] == .string("acme"))
            #expect(row["rpm"] == .int(600) && row["tpm"] == .int(200_000) && row["concurrency"] == .null && row["key"] == .null)

            let more = try await brokle(["limits", "set", "--project", "acme/web", "--concurrency", "8"], url).lines()
            #expect(more.first?["rpm"] == .int(600) && more.first?["concurrency"] == .int(8))
            #expect(try await brokle(["limits", "set", "--key", key, "--rpm", "10"], url).status == 0)
            #expect(try await brokle(["limits", "set", "--env", "acme/web/production", "--tpm", "5000"], url).status == 0)

            let list = try await brokle(["limits", "list"], url).lines()
            #expect(list.map { $0["path"]?.stringValue } == ["acme/web", "acme/web/production", key])
            #expect(list[2]["scope"] == .string("key") && list[2]["env"] == .string("production"))
            #expect(try await brokle(["limits", "list", "--org", "acme"], url).lines().count == 3)

            let show = try await brokle(["limits", "show", "--key", key], url).lines()
            #expect(show.count == 1 && show.first?["rpm"] == .int(10))

            let table = try await brokle(["limits", "list", "--format", "table"], url)
            #expect(table.stdout.hasPrefix("SCOPE") && table.stdout.contains("CONCURRENCY") && table.stdout.contains("acme/web/production"))

            let removed = try await brokle(["limits", "remove", "--project", "acme/web", "--tpm"], url).lines()
            #expect(removed.first?["tpm"] == .int(200_000) && removed.first?["rpm"] == .null)
            #expect(try await brokle(["limits", "show", "--project", "acme/web"], url).lines().first?["tpm"] == .null)
            #expect(try await brokle(["limits", "remove", "--project", "acme/web"], url).lines().first?["rpm"] == .int(600))
            let gone = try await brokle(["limits", "show", "--project", "acme/web"], url)
            #expect(gone.status == 6 && gone.stdout.isEmpty)
            let again = try await brokle(["limits", "remove", "--project", "acme/web"], url)
            #expect(again.status == 6)
            #expect(try again.errorLine()?["error"]?["type"] == .string("not_found"))
        }
    }

    @Test(arguments: [
        (["limits", "set", "--rpm", "5"], "name the scope"),
        (["limits", "set", "--org", "acme", "--project", "acme/web", "--rpm", "5"], "name one scope"),
        (["limits", "set", "--org", "acme"], "nothing to set"),
        (["limits", "set", "--org", "acme", "--rpm", "0"], "--rpm must be a positive"),
        (["limits", "set", "--org", "acme", "--tpm", "-3"], "--tpm"),
        (["limits", "set", "--project", "acme", "--rpm", "5"], "ORG/PROJECT"),
        (["limits", "show"], "name the scope"),
        (["budgets", "set", "--org", "acme", "--usd", "abc", "--period", "day"], "not an amount of USD"),
        (["budgets", "set", "--org", "acme", "--usd", "-5", "--period", "day"], "--usd"),
        (["budgets", "set", "--org", "acme", "--usd", "5", "--period", "year"], "period"),
        (["budgets", "show", "--key", "k1", "--env", "acme/web/production"], "name one scope"),
    ])
    func badInputIsAUsageError(arguments: [String], message: String) async throws {
        let folder = try BrokleBinary.scratchDirectory()
        _ = try await BrokleBinary.run(["migrate", "up"], in: folder)
        let result = try await BrokleBinary.run(arguments, in: folder)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try result.errorLine()?["error"]?["message"]?.stringValue?.contains(message) == true, "\(result.stderr)")
    }

    @Test func unknownScopesAreNotFound() async throws {
        let folder = try BrokleBinary.scratchDirectory()
        _ = try await BrokleBinary.run(["migrate", "up"], in: folder)
        for arguments in [
            ["limits", "set", "--key", "bk_nope", "--rpm", "5"], ["limits", "show", "--org", "nope"],
            ["budgets", "set", "--project", "nope/web", "--usd", "5", "--period", "day"], ["limits", "list", "--org", "nope"],
        ] {
            let result = try await BrokleBinary.run(arguments, in: folder)
            #expect(result.status == 6, "\(arguments): \(result.stderr)")
            #expect(try result.errorLine()?["error"]?["type"] == .string("not_found"))
        }
    }
}
