@testable import BrokleCore
import Testing

@Suite struct CircuitBreakerTests {
    func policy(minimum: Int = 4, ratio: Double = 0.5, window: Double = 10, cooldown: Double = 5) -> CircuitBreaker.Policy {
        var policy = CircuitBreaker.Policy()
        policy.minimumRequests = minimum
        policy.failureRatio = ratio
        policy.window = window
        policy.cooldown = cooldown
        return policy
    }

    /// `acquire` is mutating, which `#expect` cannot call directly.
    func acquire(_ breaker: inout CircuitBreaker, _ now: Double) -> Bool {
        breaker.acquire(at: now)
    }

    @Test func opensAfterEnoughFailuresInTheWindowThenProbesAndCloses() {
        var breaker = CircuitBreaker(policy: policy())
        for second in 0..<3 {
            #expect(acquire(&breaker, Double(second)))
            breaker.record(success: false, at: Double(second))
        }
        // Three failures are below the minimum of four outcomes: still closed.
        #expect(breaker.state(at: 3) == .closed)
        #expect(acquire(&breaker, 3))
        breaker.record(success: false, at: 3)
        #expect(breaker.state(at: 3) == .open)
        #expect(!acquire(&breaker, 4))
        #expect(!acquire(&breaker, 7.9))
        // Cooldown over: exactly one probe goes.
        #expect(breaker.state(at: 8) == .halfOpen)
        #expect(acquire(&breaker, 8))
        #expect(!acquire(&breaker, 8.1))
        breaker.record(success: true, at: 8.2)
        #expect(breaker.state(at: 8.2) == .closed)
        #expect(acquire(&breaker, 8.3))
    }

    @Test func aFailedProbeOpensAgainForAnotherCooldown() {
        var breaker = CircuitBreaker(policy: policy(minimum: 1, ratio: 1))
        breaker.record(success: false, at: 0)
        #expect(breaker.state(at: 0) == .open)
        #expect(acquire(&breaker, 5))
        breaker.record(success: false, at: 6)
        #expect(breaker.state(at: 6) == .open)
        #expect(!acquire(&breaker, 10.9))
        #expect(acquire(&breaker, 11))
    }

    @Test func aProbeThatNeverReportsIsReplacedAfterACooldown() {
        var breaker = CircuitBreaker(policy: policy(minimum: 1, ratio: 1))
        breaker.record(success: false, at: 0)
        #expect(acquire(&breaker, 5))
        #expect(!acquire(&breaker, 9))
        #expect(acquire(&breaker, 10))
    }

    @Test func mostlySuccessfulTrafficStaysClosed() {
        var breaker = CircuitBreaker(policy: policy(minimum: 10, ratio: 0.5))
        for index in 0..<100 {
            breaker.record(success: index % 3 != 0, at: Double(index) * 0.1)
        }
        #expect(breaker.state(at: 10) == .closed)
    }

    @Test func oldFailuresLeaveTheWindow() {
        var breaker = CircuitBreaker(policy: policy(minimum: 4, ratio: 0.5, window: 10))
        for second in 0..<3 { breaker.record(success: false, at: Double(second)) }
        #expect(breaker.counts(at: 2).failures == 3)
        // 20 s later the three failures are gone: one more failure is one of one, below the minimum.
        breaker.record(success: false, at: 22)
        #expect(breaker.counts(at: 22) == (failures: 1, total: 1))
        #expect(breaker.state(at: 22) == .closed)
    }

    @Test func lateAnswersToAnOpenCircuitChangeNothing() {
        var breaker = CircuitBreaker(policy: policy(minimum: 1, ratio: 1))
        breaker.record(success: false, at: 0)
        breaker.record(success: true, at: 1)
        #expect(breaker.state(at: 1) == .open)
    }
}
