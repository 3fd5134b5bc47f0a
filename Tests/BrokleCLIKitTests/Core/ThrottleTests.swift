@testable import BrokleCore
import Testing

@Suite struct ThrottleTests {
    @Test func letsOneThroughPerInterval() {
        var throttle = Throttle(every: .seconds(10))
        let start = ContinuousClock.now
        let answers = [0, 9, 10, 15].map { throttle.allow(at: start + .seconds($0)) }
        // The interval counts from the last one let through: 15 s is only 5 s after the one at 10 s.
        #expect(answers == [true, false, true, false])
    }
}
