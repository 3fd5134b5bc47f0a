@testable import BrokleStorage
import Foundation
import Testing

/// `brokle trace prune` as an operator runs it: a dry run first, then the configured retentions,
/// content alone, or one cut for everything.
@Suite struct CLITracePruneTests {
    @Test func dryRunThenContentOnlyThenOneCut() async throws {
        let folder = try BrokleBinary.scratchDirectory()
        #expect(try await BrokleBinary.run(["migrate", "up"], in: folder).status == 0)
        let url = try DatabaseURL(parsing: "sqlite:" + folder.appendingPathComponent("brokle.db").path)
        let database = try await Database.connect(url, logger: TestDatabase.logger)
        let now = Date()
        let day: TimeInterval = 86_400
        try await TraceStore(database).insert([
            TracePrunerTests.trace("old", age: 40 * day, now: now), TracePrunerTests.trace("week", age: 10 * day, now: now),
            TracePrunerTests.trace("new", age: 3_600, now: now),
        ])
        await database.close()

        func rows(_ arguments: [String]) async throws -> [String: Int] {
            let result = try await BrokleBinary.run(["trace", "prune"] + arguments, in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            return Dictionary(uniqueKeysWithValues: try result.lines().map { ($0["table"]?.stringValue ?? "", $0["rows"]?.intValue ?? -1) })
        }

        // A trace's rollups pruned with it: its minute's row, and its end user's (none) and its tags'
        // (none) rows of its hour and of its day.
        let dry = ["traces": 1, "trace_attempts": 1, "trace_contents": 2, "rollups": 5]
        #expect(try await rows(["--dry-run"]) == dry)
        #expect(try await rows(["--dry-run"]) == dry, "a dry run removes nothing")
        #expect(try await rows(["--content-only"]) == ["trace_contents": 2])
        #expect(try await rows(["--older-than", "2d"]) == ["traces": 2, "trace_attempts": 2, "trace_contents": 0, "rollups": 10])
        let left = try await BrokleBinary.run(["trace", "query", "--since", "90d"], in: folder)
        #expect(try left.lines().compactMap { $0["id"]?.stringValue } == ["new"])

        let bad = try await BrokleBinary.run(["trace", "prune", "--older-than", "soon"], in: folder)
        #expect(bad.status != 0)
        #expect(bad.stdout.isEmpty)
        #expect(try bad.errorLine()?["error"]?["type"] != nil)
    }
}
