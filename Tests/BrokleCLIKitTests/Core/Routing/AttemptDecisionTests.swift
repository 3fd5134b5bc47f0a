@testable import BrokleCore
import Testing

/// The route stage's decision after a failed attempt, every branch without a clock or a network.
@Suite struct AttemptDecisionTests {
    func resilience(
        retries: Int = 2, retryOn: Set<FailureKind> = FailureKind.transient, fallbackOn: Set<FailureKind> = FailureKind.transient
    )
        -> Resilience
    {
        var resilience = Resilience()
        (resilience.retries, resilience.backoff, resilience.maxBackoff) = (retries, 0.2, 5)
        (resilience.retryOn, resilience.fallbackOn) = (retryOn, fallbackOn)
        return resilience
    }

    @Test func aRetryableFailureIsRetriedWithBackoffUntilTheRetriesAreSpent() {
        let policy = resilience(retries: 2)
        // Equal jitter: the wait is in the upper half of the exponential delay (0.2 s, then 0.4 s).
        #expect(
            AttemptDecision.after(.server, retriesDone: 0, resilience: policy, retryAfter: nil, unit: 0, timeLeft: nil)
                == .retry(after: 0.1))
        #expect(
            AttemptDecision.after(.server, retriesDone: 1, resilience: policy, retryAfter: nil, unit: 1, timeLeft: nil)
                == .retry(after: 0.4))
        #expect(AttemptDecision.after(.server, retriesDone: 2, resilience: policy, retryAfter: nil, unit: 0, timeLeft: nil) == .nextTarget)
    }

    @Test func retryAfterIsHonouredUnlessItIsLongerThanTheBackoffCap() {
        let policy = resilience()
        #expect(
            AttemptDecision.after(.rateLimited, retriesDone: 0, resilience: policy, retryAfter: 2, unit: 0.5, timeLeft: nil)
                == .retry(after: 2))
        #expect(
            AttemptDecision.after(.rateLimited, retriesDone: 0, resilience: policy, retryAfter: 30, unit: 0.5, timeLeft: nil) == .nextTarget
        )
    }

    @Test func noRetryThatWouldReachTheDeadline() {
        let policy = resilience()
        #expect(AttemptDecision.after(.timeout, retriesDone: 0, resilience: policy, retryAfter: 1, unit: 0, timeLeft: 0.5) == .nextTarget)
        #expect(
            AttemptDecision.after(.timeout, retriesDone: 0, resilience: policy, retryAfter: 1, unit: 0, timeLeft: 1.5) == .retry(after: 1))
    }

    @Test func failuresTheRouteDoesNotFallThroughOnGoToTheClient() {
        // A 4xx says the request is wrong: no retry, no other target.
        #expect(AttemptDecision.after(.client, retriesDone: 0, resilience: resilience(), retryAfter: nil, unit: 0, timeLeft: nil) == .fail)
        let strict = resilience(retries: 0, fallbackOn: [])
        #expect(AttemptDecision.after(.server, retriesDone: 0, resilience: strict, retryAfter: nil, unit: 0, timeLeft: nil) == .fail)
        let fallOnly = resilience(retries: 0)
        #expect(
            AttemptDecision.after(.server, retriesDone: 0, resilience: fallOnly, retryAfter: nil, unit: 0, timeLeft: nil) == .nextTarget)
    }
}
