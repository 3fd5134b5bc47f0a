@testable import BrokleCore
@testable import BrokleTransport
import Dispatch
import Testing

@Suite struct DeadlineTests {
    @Test func noLimitRunsTheCallAsItIs() async throws {
        #expect(try await Deadline.run(seconds: nil, provider: "p") { 7 } == 7)
    }

    @Test func noTimeLeftIsATimeoutWithoutACall() async {
        await #expect(throws: GatewayError.upstreamTimeout("p")) {
            try await Deadline.run(seconds: 0, provider: "p") { () async throws -> Int in
                Issue.record("called"); return 1
            }
        }
    }

    /// A call that ignores cancellation (a stuck connection) still times out on time: the attempt
    /// loop can move on to the next target.
    @Test func aCallThatIgnoresCancellationStillTimesOut() async {
        let started = ContinuousClock.now
        await #expect(throws: GatewayError.upstreamTimeout("p")) {
            try await Deadline.run(seconds: 0.2, provider: "p") { () async throws -> Int in
                // Waits without noticing cancellation, and without holding a thread of the pool.
                await withCheckedContinuation { done in DispatchQueue.global().asyncAfter(deadline: .now() + 20) { done.resume() } }
                return 1
            }
        }
        #expect(ContinuousClock.now - started < .seconds(10), "answered long before the call ended")
    }
}
