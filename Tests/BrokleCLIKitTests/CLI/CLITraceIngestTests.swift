@testable import BrokleStorage
import Foundation
import Testing

/// `brokle trace ingest` as an operator runs it after an outage.
@Suite struct CLITraceIngestTests {
    @Test func ingestsTheSpillFolderOnceAndNamedFilesHarmlesslyAgain() async throws {
        let folder = try BrokleBinary.scratchDirectory()
        #expect(try await BrokleBinary.run(["migrate", "up"], in: folder).status == 0)
        let spill = TraceSpill(directory: folder.appendingPathComponent("brokle-spill").path)
        let traces = (0..<3).map { TraceWriterTests.trace("ingest-\($0)") }
        let file = try spill.write(traces: traces)
        let copy = folder.appendingPathComponent("copy.jsonl").path
        try FileManager.default.copyItem(atPath: file, toPath: copy)

        let first = try await BrokleBinary.run(["trace", "ingest"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        let row = try #require(try first.lines().first)
        #expect(row["traces"] == .int(3))
        #expect(row["inserted"] == .int(3))
        #expect(row["already_stored"] == .int(0))
        #expect(row["invalid_lines"] == .int(0))
        #expect(spill.pending().isEmpty, "a spill-folder file is removed once stored")

        let again = try await BrokleBinary.run(["trace", "ingest", copy, "--delete"], in: folder)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try again.lines().first?["inserted"] == .int(0))
        #expect(try again.lines().first?["already_stored"] == .int(3))
        #expect(!FileManager.default.fileExists(atPath: copy))

        let queried = try await BrokleBinary.run(["trace", "query", "--since", "30d"], in: folder)
        #expect(try queried.lines().filter { $0["id"]?.stringValue?.hasPrefix("ingest-") == true }.count == 3)
    }

    @Test func aMissingFileIsNotFound() async throws {
        let folder = try BrokleBinary.scratchDirectory()
        #expect(try await BrokleBinary.run(["migrate", "up"], in: folder).status == 0)
        let result = try await BrokleBinary.run(["trace", "ingest", "nope.jsonl"], in: folder)
        #expect(result.status == 6)
        #expect(result.stdout.isEmpty)
        #expect(try result.errorLine()?["error"]?["type"] == .string("not_found"))
    }
}
