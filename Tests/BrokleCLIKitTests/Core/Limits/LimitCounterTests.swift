@testable import BrokleCore
import Foundation
import Testing

/// Calendar periods in UTC and the counter names every instance agrees on.
@Suite struct LimitCounterTests {
    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func periodsAreCalendarUTCWithWeeksFromMonday() {
        let wednesday = Self.date("2026-12-02T23:59:59Z")
        #expect(BudgetPeriod.day.start(containing: wednesday) == Self.date("2026-12-02T00:00:00Z"))
        #expect(BudgetPeriod.week.start(containing: wednesday) == Self.date("2026-11-30T00:00:00Z"))
        #expect(BudgetPeriod.week.start(containing: Self.date("2026-12-06T12:00:00Z")) == Self.date("2026-11-30T00:00:00Z"), "Sunday")
        #expect(BudgetPeriod.week.start(containing: Self.date("2026-11-30T00:00:00Z")) == Self.date("2026-11-30T00:00:00Z"), "Monday")
        #expect(BudgetPeriod.month.start(containing: wednesday) == Self.date("2026-12-01T00:00:00Z"))
        #expect(BudgetPeriod.month.end(ofPeriodStarting: Self.date("2026-12-01T00:00:00Z")) == Self.date("2027-01-01T00:00:00Z"))
        #expect(BudgetPeriod.week.end(ofPeriodStarting: Self.date("2026-11-30T00:00:00Z")) == Self.date("2026-12-07T00:00:00Z"))
    }

    @Test func namesAreStable() {
        let at = Self.date("2026-12-15T10:00:00Z")
        #expect(LimitCounter(scope: LimitScope(.project, "p1"), kind: .rpm).name == "project:p1:rpm")
        #expect(
            LimitCounter(scope: LimitScope(.organization, "o1"), kind: .usd, period: .month, at: at).name
                == "organization:o1:usd:month:2026-12-01")
        #expect(
            LimitCounter(scope: LimitScope(.organization, "o1"), kind: .planRequests, period: .month, at: at).name
                == "organization:o1:plan_requests:month:2026-12-01")
        #expect(
            LimitCounter(scope: LimitScope(.key, "k"), kind: .usd, period: .week, at: at).periodEnd == Self.date("2026-12-21T00:00:00Z"))
    }
}
