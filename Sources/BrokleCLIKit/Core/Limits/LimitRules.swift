import Foundation

/// Every limit, budget and plan quota the gateway enforces, as read from the database: what
/// applies to one request is looked up here by its scopes.
public struct LimitRules: Sendable, Equatable {
    public var rates: [LimitScope: RateLimits] = [:]
    /// nano-USD per period, by scope.
    public var budgets: [LimitScope: [BudgetPeriod: Int64]] = [:]
    /// The plan table (monthly requests); applied to every organization by its plan.
    public var plans: [Plan: PlanQuota] = PlanQuota.shipped

    public init(
        rates: [LimitScope: RateLimits] = [:], budgets: [LimitScope: [BudgetPeriod: Int64]] = [:],
        plans: [Plan: PlanQuota] = PlanQuota.shipped
    ) {
        self.rates = rates
        self.budgets = budgets
        self.plans = plans
    }

    /// One thing a request must take: a counter, its limit, and how much of it the request needs.
    public struct Need: Sendable, Equatable {
        public var counter: LimitCounter
        public var limit: Int64
        public var amount: Int64

        public init(counter: LimitCounter, limit: Int64, amount: Int64) {
            self.counter = counter
            self.limit = limit
            self.amount = amount
        }
    }

    /// What a request by `key` on `plan` needs at `now`, with `tokens` and `nanoUSD` estimated.
    /// Cache hits need requests only (`spends` false): they use no tokens and cost nothing.
    public func needs(key: KeyContext, plan: Plan, tokens: Int64, nanoUSD: Int64, spends: Bool = true, at now: Date) -> [Need] {
        var needs: [Need] = []
        for scope in LimitScope.all(of: key) {
            if let rates = rates[scope] {
                if let rpm = rates.rpm { needs.append(Need(counter: LimitCounter(scope: scope, kind: .rpm), limit: Int64(rpm), amount: 1)) }
                if let tpm = rates.tpm, spends {
                    needs.append(Need(counter: LimitCounter(scope: scope, kind: .tpm), limit: Int64(tpm), amount: max(1, tokens)))
                }
                if let concurrency = rates.concurrency {
                    needs.append(Need(counter: LimitCounter(scope: scope, kind: .concurrency), limit: Int64(concurrency), amount: 1))
                }
            }
            if spends, let budgets = budgets[scope] {
                for (period, limit) in budgets.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                    // At least one nano-dollar: an unpriced request still needs a budget with room left.
                    needs.append(
                        Need(
                            counter: LimitCounter(scope: scope, kind: .usd, period: period, at: now), limit: limit, amount: max(1, nanoUSD))
                    )
                }
            }
        }
        if let monthly = plans[plan]?.monthlyRequests {
            let organization = LimitScope(.organization, key.organizationID)
            needs.append(
                Need(
                    counter: LimitCounter(scope: organization, kind: .planRequests, period: .month, at: now), limit: Int64(monthly),
                    amount: 1))
        }
        return needs
    }

    public var isEmpty: Bool { rates.isEmpty && budgets.isEmpty && plans.values.allSatisfy { $0.monthlyRequests == nil } }
}
