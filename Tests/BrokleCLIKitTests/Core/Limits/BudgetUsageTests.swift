@testable import BrokleCore
import Foundation
import Testing

@Suite struct BudgetUsageTests {
    let budget = Budget(
        scope: LimitScope(.project, "p1"), organizationID: "o1", period: .month, limitNanoUSD: 1_000, createdAt: Date(), updatedAt: Date())
    let now = RFC3339.date(from: "2026-12-15T10:00:00Z")!

    @Test func spentIsTheLevelLessWhatIsReservedAndRemainingIsTheLimitLessTheLevel() {
        let usage = BudgetUsage(budget: budget, level: 700, reserved: 200, at: now)
        #expect(usage.spentNanoUSD == 500 && usage.reservedNanoUSD == 200 && usage.remainingNanoUSD == 300)
        #expect(usage.periodStart == RFC3339.date(from: "2026-12-01T00:00:00Z"))
        #expect(usage.periodEnd == RFC3339.date(from: "2027-01-01T00:00:00Z"))
    }

    @Test func neverBelowZero() {
        let over = BudgetUsage(budget: budget, level: 1_300, reserved: 100, at: now)
        #expect(over.spentNanoUSD == 1_200 && over.remainingNanoUSD == 0)
        let leasedMoreThanCounted = BudgetUsage(budget: budget, level: 50, reserved: 80, at: now)
        #expect(leasedMoreThanCounted.spentNanoUSD == 0 && leasedMoreThanCounted.remainingNanoUSD == 950)
        let nothing = BudgetUsage(budget: budget, level: 0, reserved: 0, at: now)
        #expect(nothing.spentNanoUSD == 0 && nothing.reservedNanoUSD == 0 && nothing.remainingNanoUSD == 1_000)
    }
}
