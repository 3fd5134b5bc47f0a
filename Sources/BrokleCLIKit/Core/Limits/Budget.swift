import Foundation

/// A row of `budgets`: what one scope may spend per calendar period, in nano-USD.
public struct Budget: Sendable, Equatable {
    public var scope: LimitScope
    public var organizationID: String
    public var period: BudgetPeriod
    public var limitNanoUSD: Int64
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        scope: LimitScope, organizationID: String, period: BudgetPeriod, limitNanoUSD: Int64, createdAt: Date, updatedAt: Date
    ) {
        self.scope = scope
        self.organizationID = organizationID
        self.period = period
        self.limitNanoUSD = limitNanoUSD
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The shared counter of this budget's period containing `date`.
    public func counter(at date: Date) -> LimitCounter {
        LimitCounter(scope: scope, kind: .usd, period: period, at: date)
    }
}
