@testable import BrokleCLIKit
import Foundation
import Testing

/// `brokle logging` through the built binary, on both databases.
@Suite struct CLILoggingTests {
    func brokle(_ arguments: [String], _ url: String) async throws -> BrokleBinary.Result {
        try await BrokleBinary.run(arguments + ["--log-level", "error"], environment: ["BROKLE_DATABASE_URL": url])
    }

    @Test(arguments: TestDatabase.available)
    func loggingSetListShowRemove(kind db: TestDatabase) async throws {
        try await db.withMigrated { url, _ in
            _ = try await CLIFixture.acmeWithKey(url)
            let set = try await brokle(["logging", "set", "--org", "acme", "--content", "redacted", "--trace-retention", "90d"], url)
            #expect(set.status == 0, "\(set.stderr)")
            let row = try #require(try set.lines().first)
            #expect(row["scope"] == .string("organization") && row["path"] == .string("acme"))
            #expect(row["content"] == .string("redacted") && row["trace_retention_seconds"] == .int(90 * 86_400))
            #expect(row["content_retention_seconds"] == .null)

            let merged = try await brokle(["logging", "set", "--org", "acme", "--content-retention", "forever"], url).lines()
            #expect(merged.first?["content"] == .string("redacted"), "fields not given are kept")
            #expect(merged.first?["trace_retention_seconds"] == .int(90 * 86_400) && merged.first?["content_retention_seconds"] == .int(0))
            #expect(try await brokle(["logging", "set", "--env", "acme/web/production", "--content", "full"], url).status == 0)
            #expect(try await brokle(["logging", "set", "--project", "acme/web", "--content", "off"], url).status == 0)

            let list = try await brokle(["logging", "list"], url).lines()
            #expect(list.map { $0["path"]?.stringValue } == ["acme", "acme/web", "acme/web/production"])
            #expect(list.map { $0["content"]?.stringValue } == ["redacted", "off", "full"])
            #expect(try await brokle(["logging", "list", "--org", "acme"], url).lines().count == 3)
            let show = try await brokle(["logging", "show", "--env", "acme/web/production"], url).lines()
            #expect(show.count == 1 && show.first?["content"] == .string("full") && show.first?["env"] == .string("production"))
            let table = try await brokle(["logging", "list", "--format", "table"], url)
            #expect(table.stdout.hasPrefix("SCOPE") && table.stdout.contains("CONTENT"))

            let removed = try await brokle(["logging", "remove", "--project", "acme/web"], url).lines()
            #expect(removed.first?["content"] == .string("off"))
            let gone = try await brokle(["logging", "show", "--project", "acme/web"], url)
            #expect(gone.status == 6 && gone.stdout.isEmpty)
            #expect(try gone.errorLine()?["error"]?["type"] == .string("not_found"))
            #expect(try await brokle(["logging", "remove", "--project", "acme/web"], url).status == 6)
        }
    }

    @Test(arguments: [
        (["logging", "set", "--content", "full"], "name the scope"),
        (["logging", "set", "--org", "acme", "--env", "acme/web/production", "--content", "full"], "name one scope"),
        (["logging", "set", "--org", "acme"], "nothing to set"),
        (["logging", "set", "--org", "acme", "--content", "sometimes"], "off, redacted or full"),
        (["logging", "set", "--project", "acme/web", "--trace-retention", "30d"], "organization"),
        (["logging", "set", "--env", "acme/web/production", "--content-retention", "7d"], "organization"),
        (["logging", "set", "--org", "acme", "--trace-retention", "soon"], "--trace-retention"),
        (["logging", "set", "--org", "acme", "--content-retention", "5s"], "at least a minute"),
        (["logging", "set", "--key", "bk_x", "--content", "full"], "one of --org, --project or --env"),
        (["logging", "show"], "name the scope"),
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
        for arguments in [["logging", "set", "--org", "nope", "--content", "full"], ["logging", "show", "--env", "nope/web/production"]] {
            let result = try await BrokleBinary.run(arguments, in: folder)
            #expect(result.status == 6, "\(arguments): \(result.stderr)")
        }
    }
}
