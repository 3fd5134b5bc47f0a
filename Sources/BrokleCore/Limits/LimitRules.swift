import Foundation

/// Every limit, budget and plan quota the gateway enforces, as read from the database: what
/// applies to one request is looked up here by its scopes.
package struct LimitRules: Sendable, Equatable {
    package var rates: [LimitScope: RateLimits] = [:]
    /// nano-USD per period, by scope.
    package var budgets: [LimitScope: [BudgetPeriod: Int64]] = [:]
    /// The plan table (monthly requests); applied to every organization by its plan.
    package var plans: [Plan: PlanQuota] = PlanQuota.shipped

    package init(
        rates: [LimitScope: RateLimits] = [:], budgets: [LimitScope: [BudgetPeriod: Int64]] = [:],
        plans: [Plan: PlanQuota] = PlanQuota.shipped
    ) {
        self.rates = rates
        self.budgets = budgets
        self.plans = plans
    }

    /// One thing a request must take: a counter, its limit, and how much of it the request needs.
    package struct Need: Sendable, Equatable {
        package var counter: LimitCounter
        package var limit: Int64
        package var amount: Int64

        package init(counter: LimitCounter, limit: Int64, amount: Int64) {
            self.counter = counter
            self.limit = limit
            self.amount = amount
        }
    }

    /// What a request by `key` on `plan`, made for `endUser` when the client named one, needs at
    /// `now`. `estimate` (its tokens and nano-USD) is asked once, and only when a tokens-per-minute
    /// limit or a budget applies. Per-user rules of the key's environment apply to named end users
    /// only, each with counters of its own.
    package func needs(
        key: KeyContext, endUser: String? = nil, plan: Plan, at now: Date, estimate: () -> (tokens: Int64, nanoUSD: Int64)
    ) -> [Need] {
        var estimated: (tokens: Int64, nanoUSD: Int64)?
        func usage() -> (tokens: Int64, nanoUSD: Int64) {
            if let estimated { return estimated }
            let fresh = estimate()
            estimated = fresh
            return fresh
        }
        var needs: [Need] = []
        /// The needs of the rules on `rule`, counted on `counter`'s counters (made only when a rule
        /// applies: an end user's is a digest of its id).
        func add(rule: LimitScope, counter: () -> LimitScope) {
            let rates = rates[rule], budgets = budgets[rule]
            guard rates != nil || budgets != nil else { return }
            let scope = counter()
            if let rates {
                if let rpm = rates.rpm { needs.append(Need(counter: LimitCounter(scope: scope, kind: .rpm), limit: Int64(rpm), amount: 1)) }
                if let tpm = rates.tpm {
                    needs.append(Need(counter: LimitCounter(scope: scope, kind: .tpm), limit: Int64(tpm), amount: max(1, usage().tokens)))
                }
                if let concurrency = rates.concurrency {
                    needs.append(Need(counter: LimitCounter(scope: scope, kind: .concurrency), limit: Int64(concurrency), amount: 1))
                }
            }
            for (period, limit) in (budgets ?? [:]).sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                // At least one nano-dollar: an unpriced request still needs a budget with room left.
                needs.append(
                    Need(
                        counter: LimitCounter(scope: scope, kind: .usd, period: period, at: now), limit: limit,
                        amount: max(1, usage().nanoUSD)))
            }
        }
        if let endUser {
            add(rule: LimitScope(.endUser, key.environmentID)) { .endUser(environmentID: key.environmentID, user: endUser) }
        }
        for scope in LimitScope.all(of: key) { add(rule: scope) { scope } }
        if let monthly = plans[plan]?.monthlyRequests {
            let organization = LimitScope(.organization, key.organizationID)
            needs.append(
                Need(
                    counter: LimitCounter(scope: organization, kind: .planRequests, period: .month, at: now), limit: Int64(monthly),
                    amount: 1))
        }
        return needs
    }
}
