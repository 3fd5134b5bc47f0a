@testable import BrokleCLIKit
@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import Testing

/// `brokle trace purge` through the built binary, on both databases: what it prints, that it asks
/// first, how it names its targets, that a second run prints zeros, and spilled traces erased too.
@Suite struct CLITracePurgeTests {
    typealias Fixture = ErasureFixture

    /// Runs `brokle` against `url` in a folder of its own (so no other test's spill folder is seen).
    static func brokle(_ arguments: [String], _ url: String, in folder: URL? = nil) async throws -> BrokleBinary.Result {
        try await BrokleBinary.run(
            arguments + ["--log-level", "error"], environment: ["BROKLE_DATABASE_URL": url], in: folder ?? BrokleBinary.scratchDirectory())
    }

    /// The printed lines as (table, action, rows).
    static func summary(_ result: BrokleBinary.Result) throws -> [String] {
        try result.lines().map { "\($0["table"]?.stringValue ?? "?") \($0["action"]?.stringValue ?? "?") \($0["rows"]?.intValue ?? -1)" }
    }

    @Test(arguments: TestDatabase.available)
    func anEndUserIsErasedAndASecondRunPrintsZeros(kind: TestDatabase) async throws {
        try await kind.withMigrated { url, database in
            let fixture = try await Fixture.make(database)
            let before = try await Fixture.stored(database)
            let totals = try await Fixture.totals(database)
            let alice = fixture.traces.filter { $0.endUser == Fixture.alice }

            let refused = try await Self.brokle(["trace", "purge", "--user", Fixture.alice], url)
            #expect(refused.status == 8 && refused.stdout.isEmpty)
            #expect(try refused.errorLine()?["error"]?["type"] == .string("confirmation_required"))
            #expect(try await Fixture.stored(database) == before, "nothing changed without --yes")

            // Alice's per-user rate counter (named by a digest of her id), and another user's.
            for user in [Fixture.alice, "someone-else"] {
                let counter = LimitCounter(scope: .endUser(environmentID: "env-1", user: user), kind: .rpm).name
                try await database.sql.raw(
                    "INSERT INTO limit_counters (counter, level, expires_at) VALUES (\(bind: counter), 1, \(bind: Date().addingTimeInterval(60)))"
                ).run()
            }
            let purged = try await Self.brokle(["trace", "purge", "--user", Fixture.alice, "--yes"], url)
            #expect(purged.status == 0, "\(purged.stderr)")
            #expect(
                try Self.summary(purged) == [
                    "spill_files ingested 0", "trace_contents deleted \(alice.filter { $0.content != nil }.count)",
                    "traces anonymised \(alice.count)", "limit_counters deleted 1", "cache_entries deleted 2",
                ])
            #expect(try await database.count("SELECT count(*) AS n FROM limit_counters") == 1, "the other user's counter stays")
            #expect(
                try await Fixture.stored(database)
                    == fixture.expected(erasing: { $0.endUser == Fixture.alice }, contentOnly: false, from: before))
            #expect(try await Fixture.totals(database) == totals)
            let again = try await Self.brokle(["trace", "purge", "--user", Fixture.alice, "--yes"], url)
            #expect(
                try Self.summary(again) == [
                    "spill_files ingested 0", "trace_contents deleted 0", "traces anonymised 0", "limit_counters deleted 0",
                    "cache_entries deleted 0",
                ])

            let table = try await Self.brokle(
                ["trace", "purge", "--user", Fixture.bob, "--org", "other", "--yes", "--format", "table"], url)
            #expect(table.status == 0 && table.stdout.hasPrefix("TABLE") && table.stdout.contains("anonymised"), "\(table.stdout)")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aKeyByPublicIDAndAProjectBySlug(kind: TestDatabase) async throws {
        try await kind.withMigrated { url, database in
            let fixture = try await Fixture.make(database)
            let before = try await Fixture.stored(database)
            let key = fixture.tenants[2]
            let byKey = try await Self.brokle(["trace", "purge", "--key", key.keyPublicID, "--content-only", "--yes"], url)
            #expect(byKey.status == 0, "\(byKey.stderr)")
            let keyed = fixture.traces.filter { $0.apiKeyID == key.keyID && $0.content != nil }
            #expect(
                try Self.summary(byKey) == ["spill_files ingested 0", "trace_contents deleted \(keyed.count)"], "no cache line: not covered"
            )
            let afterKey = fixture.expected(erasing: { $0.apiKeyID == key.keyID }, contentOnly: true, from: before)
            #expect(try await Fixture.stored(database) == afterKey)

            let project = fixture.tenants[1]
            let byProject = try await Self.brokle(["trace", "purge", "--project", "acme/api", "--yes"], url)
            let inProject = fixture.traces.filter { $0.projectID == project.projectID }
            #expect(
                try Self.summary(byProject) == [
                    "spill_files ingested 0", "trace_contents deleted \(inProject.filter { $0.content != nil }.count)",
                    "traces anonymised \(inProject.count)", "responses deleted 0", "cache_entries deleted 1",
                ])
            #expect(
                try await Fixture.stored(database)
                    == fixture.expected(erasing: { $0.projectID == project.projectID }, contentOnly: false, from: afterKey))
        }
    }

    /// A spilled trace of the end user would come back with the next ingest: the purge ingests the
    /// waiting files first and erases it with the rest.
    @Test func spilledTracesAreIngestedAndErased() async throws {
        try await TestDatabase.sqlite.withMigrated { url, database in
            let fixture = try await Fixture.make(database, count: 8)
            let folder = try BrokleBinary.scratchDirectory()
            var spilled = fixture.traces[0]
            spilled.id = "spilled-1"
            try TraceSpill(directory: folder.appendingPathComponent("brokle-spill").path).write(traces: [spilled])
            let purged = try await Self.brokle(["trace", "purge", "--user", Fixture.alice, "--yes"], url, in: folder)
            #expect(purged.status == 0, "\(purged.stderr)")
            #expect(try Self.summary(purged).first == "spill_files ingested 1")
            let stored = try await Fixture.stored(database)
            #expect(stored["spilled-1"] == Fixture.Stored(endUser: nil, sessionID: nil, tags: nil, metadata: nil, hasContent: false))
            #expect(TraceSpill(directory: folder.appendingPathComponent("brokle-spill").path).pending().isEmpty)
        }
    }

    /// After `brokle trace purge` the end user's value and their content are not in the file's bytes.
    @Test func theSQLiteFileKeepsNoTrace() async throws {
        try await TestDatabase.sqlite.withMigrated { url, database in
            let fixture = try await Fixture.make(database, count: 300)
            let alices = fixture.traces.filter { $0.endUser == Fixture.alice && $0.content != nil }.map(\.id)
            #expect(TraceErasureFileTests.contains(try TraceErasureFileTests.fileBytes(url), Fixture.alice))
            // Alice's per-user rate counter (named by a digest of her id), and another user's.
            for user in [Fixture.alice, "someone-else"] {
                let counter = LimitCounter(scope: .endUser(environmentID: "env-1", user: user), kind: .rpm).name
                try await database.sql.raw(
                    "INSERT INTO limit_counters (counter, level, expires_at) VALUES (\(bind: counter), 1, \(bind: Date().addingTimeInterval(60)))"
                ).run()
            }
            let purged = try await Self.brokle(["trace", "purge", "--user", Fixture.alice, "--yes"], url)
            #expect(purged.status == 0, "\(purged.stderr)")
            let bytes = try TraceErasureFileTests.fileBytes(url)
            #expect(!TraceErasureFileTests.contains(bytes, Fixture.alice))
            #expect(alices.allSatisfy { !TraceErasureFileTests.contains(bytes, Fixture.secret($0)) })
            #expect(TraceErasureFileTests.contains(bytes, Fixture.bob))
        }
    }

    @Test(arguments: [
        ([] as [String], "one of --user, --session, --key or --project"),
        (["--user", "u1", "--session", "s1"], "not --user and --session"),
        (["--key", "k", "--org", "acme"], "--org scopes --user or --session"),
        (["--user", " "], "--user needs a value"),
        (["--project", "acme"], "ORG/PROJECT"),
        (["--user", "u1", "--org", "Not A Slug"], "organization"),
    ])
    func badSelectorsAreUsageErrors(arguments: [String], message: String) async throws {
        let folder = try BrokleBinary.scratchDirectory()
        _ = try await BrokleBinary.run(["migrate", "up"], in: folder)
        let result = try await BrokleBinary.run(["trace", "purge", "--yes"] + arguments, in: folder)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try result.errorLine()?["error"]?["message"]?.stringValue?.contains(message) == true, "\(result.stderr)")
    }

    @Test func unknownTargetsAreNotFound() async throws {
        let folder = try BrokleBinary.scratchDirectory()
        _ = try await BrokleBinary.run(["migrate", "up"], in: folder)
        for arguments in [["--key", "bk_nope"], ["--project", "acme/web"], ["--user", "u1", "--org", "acme"]] {
            let result = try await BrokleBinary.run(["trace", "purge", "--yes"] + arguments, in: folder)
            #expect(result.status == 6, "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }
}
