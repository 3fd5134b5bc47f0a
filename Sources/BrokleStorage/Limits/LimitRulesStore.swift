import BrokleCore

/// Every limit and budget at once, as the gateway enforces them (read every `BROKLE_LIMIT_REFRESH`).
package struct LimitRulesStore: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    package func load(plans: [Plan: PlanQuota], timeout: Duration? = nil) async throws(BrokleError) -> LimitRules {
        var rules = LimitRules(plans: plans)
        for entry in try await LimitStore(database).list() { rules.rates[entry.limit.scope] = entry.limit.limits }
        for entry in try await BudgetStore(database).list() {
            rules.budgets[entry.budget.scope, default: [:]][entry.budget.period] = entry.budget.limitNanoUSD
        }
        return rules
    }
}
