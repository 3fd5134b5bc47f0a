@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import Testing

@Suite struct TraceSpillTests {
    static func folder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("brokle-spill-\(UUID().uuidString)").path
    }

    @Test func tracesSurviveTheRoundTripWithTheirAttempts() throws {
        let spill = TraceSpill(directory: Self.folder())
        var trace = TraceWriterTests.trace("r1")
        trace.attemptRecords = [
            TraceAttemptRecord(
                attempt: 1, provider: "openai", model: "gpt-4o", status: .error, httpStatus: 503, errorType: "upstream_error",
                errorMessage: "busy \"quoted\"\nline", latencyMs: 12.5, tokensIn: 3, tokensOut: 0, costNanoUSD: nil,
                startedAt: Date(timeIntervalSince1970: 1_790_000_000.125)
            )
        ]
        trace.startedAt = Date(timeIntervalSince1970: 1_790_000_000.125)
        trace.finishedAt = Date(timeIntervalSince1970: 1_790_000_001.5)
        let path = try spill.write(traces: [trace], keyUsage: ["other": Date(timeIntervalSince1970: 1_790_000_100)])
        #expect(path.hasSuffix(".jsonl"))
        let contents = try TraceSpill.read(path)
        #expect(contents.traces == [trace])
        #expect(contents.keyUsage == [trace.apiKeyID: trace.finishedAt, "other": Date(timeIntervalSince1970: 1_790_000_100)])
        let firstLine = try #require(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").first)
        #expect(
            firstLine.contains(#""organization_id":"#) && firstLine.contains(#""started_at":"2026-"#), "snake_case keys, RFC 3339 times")
    }

    @Test func aLineThatCannotBeReadIsCountedAndTheRestKept() throws {
        let spill = TraceSpill(directory: Self.folder())
        let path = try spill.write(traces: [TraceWriterTests.trace("a"), TraceWriterTests.trace("b")])
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text += #"{"trace":{"id":"cut"#
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let contents = try TraceSpill.read(path)
        #expect(contents.traces.map(\.id) == ["a", "b"])
        #expect(contents.invalidLines == 1)
    }

    @Test func aClaimedFileIsInvisibleToOthersUntilReleased() throws {
        let spill = TraceSpill(directory: Self.folder())
        let path = try spill.write(traces: [TraceWriterTests.trace("c")])
        let claimed = try #require(spill.claim(path))
        #expect(spill.claim(path) == nil, "a second claimant loses")
        #expect(spill.pending().isEmpty)
        spill.release(claimed)
        #expect(spill.pending() == [path])
    }

    @Test func noTemporaryFileIsLeftWhenTheFolderCannotBeMade() throws {
        let blocker = Self.folder()
        try Data().write(to: URL(fileURLWithPath: blocker))
        #expect(throws: BrokleError.self) { try TraceSpill(directory: blocker + "/inner").write(traces: [TraceWriterTests.trace("d")]) }
    }
}
