@testable import BrokleCLIKit
@testable import BrokleStorage
import Foundation
import Testing

/// `trace query --follow`'s loop: what had landed before it started is not new; what lands after
/// is handed over once.
@Suite struct TraceFollowerTests {
    @Test(arguments: TestDatabase.available)
    func handsOverEachNewTraceOnce(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let target = DemoTraces.Target(organizationID: "o", projectID: "p", environmentID: "e", apiKeyID: "k")
            var traces = DemoTraces(profile: "follower", targets: [target], now: Date()).traces(0..<3)
            func landed(_ index: Int) {
                traces[index].startedAt = Date().addingTimeInterval(-0.2)
                traces[index].finishedAt = Date()
            }
            landed(0)
            try await TraceStore(database).insert([traces[0]])

            var follower = TraceFollower(TraceQueryStore(database), filter: TraceFilter())
            follower.pollInterval = .milliseconds(50)
            let (ids, continuation) = AsyncStream.makeStream(of: String.self)
            let (ready, isReady) = AsyncStream.makeStream(of: Void.self)
            let following = Task {
                defer { continuation.finish() }
                try await follower.run(onReady: { isReady.finish() }) { trace in _ = continuation.yield(trace.record.id) }
            }
            // Whatever happens, stop following after a while so the test ends.
            let stop = Task {
                try await Task.sleep(for: .seconds(20))
                following.cancel()
            }
            // Past the follower's first look at what is already there.
            for await _ in ready {}
            landed(1)
            landed(2)
            try await TraceStore(database).insert([traces[1], traces[2]])

            var received: [String] = []
            for await id in ids {
                received.append(id)
                if received.count == 2 { break }
            }
            // A few more polls: nothing is handed over twice.
            try await Task.sleep(for: .milliseconds(300))
            following.cancel()
            stop.cancel()
            _ = try? await following.value
            for await id in ids { received.append(id) }
            #expect(received.sorted() == [traces[1].id, traces[2].id].sorted())
        }
    }
}
