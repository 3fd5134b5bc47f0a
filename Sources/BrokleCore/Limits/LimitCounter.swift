import Foundation

/// One shared counter in `limit_counters`: what a scope has taken of one kind of capacity, in one
/// period for budgets and plan quotas. Its name is the row's key, the same on every instance:
///
/// - `<scope>:rpm`, `<scope>:tpm` — GCRA theoretical arrival time (µs since 1970);
/// - `<scope>:concurrency` — slots in use;
/// - `<scope>:usd:<period>:<yyyy-mm-dd>` — nano-USD taken in the period starting that day (UTC);
/// - `organization:<id>:plan_requests:month:<yyyy-mm-dd>` — requests in the month (plan quota).
///
/// `<scope>` is ``LimitScope/label`` (`project:<id>`, …).
package struct LimitCounter: Hashable, Sendable {
    package enum Kind: String, Sendable, CaseIterable {
        case rpm, tpm, concurrency, usd
        case planRequests = "plan_requests"
    }

    package var scope: LimitScope
    package var kind: Kind
    /// Budgets and plan quotas: the period and its start.
    package var period: BudgetPeriod?
    package var periodStart: Date?

    package init(scope: LimitScope, kind: Kind, period: BudgetPeriod? = nil, at date: Date = Date()) {
        self.scope = scope
        self.kind = kind
        self.period = period
        self.periodStart = period?.start(containing: date)
    }

    package var name: String {
        guard let period, let periodStart else { return "\(scope.label):\(kind.rawValue)" }
        return "\(scope.label):\(kind.rawValue):\(period.rawValue):\(Self.day(periodStart))"
    }

    /// When the period ends (budgets and plan quotas).
    package var periodEnd: Date? {
        guard let period, let periodStart else { return nil }
        return period.end(ofPeriodStarting: periodStart)
    }

    static func day(_ date: Date) -> String {
        let parts = BudgetPeriod.utc.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
