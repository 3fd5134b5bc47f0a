import Foundation
import Testing

/// The allocation budget, as SwiftNIO's allocation-counter tests keep theirs: `malloc` calls a
/// proxied request costs the gateway, counted by `brokle-allocations` (its own process, malloc
/// interposed) for each scenario, held to a ceiling. Unlike time, a count is the same on any host,
/// so a change that allocates more on the request path fails here the day it lands.
@Suite struct AllocationBudgetTests {
    /// The debug build's counts (what `make test` builds; a release build allocates far fewer:
    /// `make bench` prints those), measured when each line was last changed, plus 4 %. A run's
    /// traces go in one batch when it settles and no refresh timer fires inside it (the harness
    /// sets their intervals long), so a slow or loaded host counts what a quiet one does (two
    /// runs, and one beside three busy processes, differ by about 1 %). A stage that
    /// needs more raises its line by what it measurably needs, and says so in its note; one that
    /// needs less lowers it.
    static let ceilings: [String: Double] = [
        "chat": 1616,
        "chat_stream": 2605,
        "messages": 2208,
        "messages_stream": 8346,
        "cache_hit": 1293,
        "cache_miss": 2931,
        "chat_export": 2243,
        "chat_stream_export": 2646,
        "responses": 2408,
        "responses_stream": 9035,
        "responses_passthrough": 1376,
        "responses_store": 3405,
        "chat_guardrails": 2730,
        "chat_stream_guardrails": 7601,
        // Content capture on (`full`): the stream assembled for the trace (read in place, the
        // answer written once: a dozen allocations over the stream without content), stored with it.
        "chat_stream_content": 2599,
        "messages_stream_content": 8354,
        "responses_stream_content": 9066,
    ]

    @Test func everyScenarioStaysUnderItsCeiling() async throws {
        let binary = BrokleBinary.url.deletingLastPathComponent().appendingPathComponent("brokle-allocations")
        let output = try await offThePool {
            try Process.inSlot {
                let process = Process()
                process.executableURL = binary
                process.arguments = ["--requests", "300", "--warmup", "150"]
                let pipe = Pipe()
                process.standardOutput = pipe
                try process.run()
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                return (data, process.terminationStatus)
            }
        }
        #expect(output.1 == 0, "brokle-allocations failed (run it to see why)")
        let counted = try String(decoding: output.0, as: UTF8.self).split(separator: "\n").map { try JSONLine(String($0)) }
        var seen: Set<String> = []
        for line in counted {
            let scenario = try #require(line["scenario"]?.stringValue)
            let perRequest = try #require(line["allocations_per_request"]?.doubleValue)
            seen.insert(scenario)
            let ceiling = try #require(Self.ceilings[scenario], "no ceiling for \(scenario)")
            #expect(perRequest <= ceiling, "\(scenario): \(perRequest) allocations a request, over its ceiling of \(ceiling)")
            #expect(perRequest > 0, "\(scenario): nothing counted: is malloc being interposed?")
        }
        #expect(seen == Set(Self.ceilings.keys))
    }
}
