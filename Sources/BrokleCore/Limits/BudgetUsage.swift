import Foundation

/// How much of a budget the current period has used, in nano-USD. `level` is the period's counter
/// (settled spend plus what live instances hold: leased slices and in-flight reservations);
/// `reserved` is what live leases hold of it.
package struct BudgetUsage: Sendable, Equatable {
    package var budget: Budget
    package var periodStart: Date
    package var periodEnd: Date
    /// Settled spend: the counter's level less what is still reserved (never below zero).
    package var spentNanoUSD: Int64
    /// Held by live instances and not yet settled or given back.
    package var reservedNanoUSD: Int64
    /// What can still be taken this period (never below zero).
    package var remainingNanoUSD: Int64

    /// - Parameters:
    ///   - level: the counter's level (0 when it has no row yet).
    ///   - reserved: the sum of unexpired leases on that counter.
    ///   - endUser: for a per-user budget, the end user whose use this is.
    package init(budget: Budget, level: Int64, reserved: Int64, at date: Date, endUser: String? = nil) {
        let counter = budget.counter(at: date, endUser: endUser)
        self.budget = budget
        periodStart = counter.periodStart ?? date
        periodEnd = counter.periodEnd ?? date
        reservedNanoUSD = max(0, reserved)
        spentNanoUSD = max(0, level - reservedNanoUSD)
        remainingNanoUSD = max(0, budget.limitNanoUSD - level)
    }
}
