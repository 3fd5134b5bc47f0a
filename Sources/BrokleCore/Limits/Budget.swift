import Foundation

/// A row of `budgets`: what one scope may spend per calendar period, in nano-USD.
package struct Budget: Sendable, Equatable {
    package var scope: LimitScope
    package var organizationID: String
    package var period: BudgetPeriod
    package var limitNanoUSD: Int64
    package var createdAt: Date
    package var updatedAt: Date

    package init(
        scope: LimitScope, organizationID: String, period: BudgetPeriod, limitNanoUSD: Int64, createdAt: Date, updatedAt: Date
    ) {
        self.scope = scope
        self.organizationID = organizationID
        self.period = period
        self.limitNanoUSD = limitNanoUSD
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The shared counter of this budget's period containing `date` — for a per-user budget, the
    /// counter of `endUser`.
    package func counter(at date: Date, endUser: String? = nil) -> LimitCounter {
        let counted = endUser.map { scope.kind == .endUser ? LimitScope.endUser(environmentID: scope.id, user: $0) : scope } ?? scope
        return LimitCounter(scope: counted, kind: .usd, period: period, at: date)
    }
}
