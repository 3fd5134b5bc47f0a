@testable import BrokleCore
import Foundation
import Testing

@Suite struct ResilienceTests {
    @Test func backoffDoublesIsCappedAndJittersInItsUpperHalf() throws {
        var resilience = Resilience()
        resilience.backoff = 0.1
        resilience.maxBackoff = 0.5
        #expect(resilience.delay(beforeRetry: 1, retryAfter: nil, unit: 1) == 0.1)
        #expect(resilience.delay(beforeRetry: 2, retryAfter: nil, unit: 1) == 0.2)
        #expect(resilience.delay(beforeRetry: 3, retryAfter: nil, unit: 1) == 0.4)
        #expect(resilience.delay(beforeRetry: 4, retryAfter: nil, unit: 1) == 0.5)
        #expect(resilience.delay(beforeRetry: 2, retryAfter: nil, unit: 0) == 0.1)
        var random = SeededRandom(seed: 7)
        for _ in 0..<1000 {
            let delay = try #require(resilience.delay(beforeRetry: 2, retryAfter: nil, unit: random.unit()))
            #expect(delay >= 0.1 && delay <= 0.2)
        }
    }

    @Test func retryAfterIsHonouredUnlessLongerThanTheRouteCanWait() {
        var resilience = Resilience()
        resilience.maxBackoff = 5
        #expect(resilience.delay(beforeRetry: 1, retryAfter: 2, unit: 0.5) == 2)
        #expect(resilience.delay(beforeRetry: 1, retryAfter: 30, unit: 0.5) == nil)
    }

    @Test func failureKinds() {
        #expect(FailureKind.of(status: 200) == nil)
        #expect(FailureKind.of(status: 429) == .rateLimited)
        #expect(FailureKind.of(status: 503) == .server)
        #expect(FailureKind.of(status: 400) == .client)
        #expect(FailureKind.of(status: 408) == .timeout)
        #expect(FailureKind.of(.upstreamUnreachable("a")) == .connect)
        #expect(FailureKind.of(.upstreamTimeout("a")) == .timeout)
        #expect(!FailureKind.transient.contains(.client))
    }

    @Test func retryAfterHeaders() {
        #expect(RetryAfter.seconds(retryAfter: "3", retryAfterMs: nil) == 3)
        #expect(RetryAfter.seconds(retryAfter: "3", retryAfterMs: "250") == 0.25)
        #expect(RetryAfter.seconds(retryAfter: "soon", retryAfterMs: nil) == nil)
        #expect(RetryAfter.seconds(retryAfter: nil, retryAfterMs: nil) == nil)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RetryAfter.seconds(retryAfter: "Tue, 14 Nov 2023 22:13:30 GMT", retryAfterMs: nil, now: now) == 10)
    }
}
