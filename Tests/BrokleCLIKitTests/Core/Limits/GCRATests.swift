@testable import BrokleCore
import Testing

/// GCRA in slices: a burst of the limit, then the steady rate; no double burst at a window's edge.
@Suite struct GCRATests {
    let rate = GCRA(perMinute: 60)  // one a second
    let second: Int64 = 1_000_000

    @Test func aBurstOfTheLimitThenOneAnInterval() {
        var tat: Int64 = 0
        let now: Int64 = 1_000 * second
        let first = rate.take(60, tat: tat, now: now, partial: false)
        #expect(first.granted == 60)
        tat = first.tat
        #expect(rate.take(1, tat: tat, now: now, partial: false).granted == 0, "the limit is spent")
        #expect(rate.take(1, tat: tat, now: now + second, partial: false).granted == 1, "one more a second later")
        #expect(rate.take(5, tat: tat, now: now + 3 * second, partial: true).granted == 3, "three seconds refill three")
        #expect(rate.wait(for: 2, tat: tat, now: now) == 2 * second)
    }

    @Test func theWindowsEdgeGivesNoSecondBurst() {
        let now: Int64 = 1_000 * second
        let taken = rate.take(60, tat: 0, now: now, partial: false)
        // A fixed window would allow 60 more at the next minute's start; GCRA allows what refilled.
        #expect(rate.remaining(tat: taken.tat, now: now + 30 * second) == 30)
        #expect(rate.remaining(tat: taken.tat, now: now + 60 * second) == 60)
    }

    @Test func givingBackMovesTheArrivalTimeBack() {
        let now: Int64 = 1_000 * second
        let taken = rate.take(10, tat: 0, now: now, partial: false)
        let back = rate.giveBack(4, tat: taken.tat, now: now)
        #expect(rate.remaining(tat: back, now: now) == 54)
        #expect(rate.giveBack(100, tat: taken.tat, now: now) == now, "never before now")
    }
}
