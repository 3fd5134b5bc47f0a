@testable import BrokleCore
import Testing

@Suite struct TimeLimitTests {
    @Test func fastWorkReturnsItsValue() async throws {
        #expect(try await TimeLimit.run(.seconds(5)) { 42 } == 42)
    }

    @Test func workThatIgnoresCancellationStillAnswersByTheDeadline() async throws {
        let started = ContinuousClock.now
        await #expect(throws: TimeLimit.Exceeded.self) {
            try await TimeLimit.run(.milliseconds(100)) {
                // A blocked driver: does not notice cancellation.
                let until = ContinuousClock.now + .seconds(20)
                while ContinuousClock.now < until { try? await Task.sleep(for: .milliseconds(50)) }
                return 1
            }
        }
        #expect(
            ContinuousClock.now - started < .seconds(10),
            "answered long before the work ended (a loaded test machine may starve the timer for seconds)")
    }

    @Test func errorsPassThrough() async throws {
        await #expect(throws: BrokleError.self) {
            try await TimeLimit.run(.seconds(5)) { () async throws -> Int in throw BrokleError(.database, "no") }
        }
    }

    @Test func theCallersCancellationEndsTheWait() async throws {
        let task = Task { try await TimeLimit.run(.seconds(30)) { try await Task.sleep(for: .seconds(30)) } }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
    }

    @Test func describesTheLimitForPeople() {
        #expect(TimeLimit.Exceeded(limit: .seconds(2)).description == "timed out after 2 s")
        #expect(TimeLimit.Exceeded(limit: .milliseconds(250)).description == "timed out after 250 ms")
    }
}
