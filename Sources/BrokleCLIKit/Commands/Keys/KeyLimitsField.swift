import BrokleCore
import BrokleStorage
import Foundation

/// The `limits` object of `keys create`'s line: the key's own rate limits and budget (null where none).
struct KeyLimitsField: Encodable {
    @Nullable var rpm: Int?
    @Nullable var tpm: Int?
    @Nullable var concurrency: Int?
    @Nullable var budgetUSD: Decimal?
    @Nullable var budgetPeriod: BudgetPeriod?

    enum CodingKeys: String, CodingKey { case rpm, tpm, concurrency, budgetUSD = "budget_usd", budgetPeriod = "budget_period" }

    init(_ limits: RateLimits, budget: (period: BudgetPeriod, limitNanoUSD: Int64)?) {
        rpm = limits.rpm
        tpm = limits.tpm
        concurrency = limits.concurrency
        budgetUSD = budget.map { CostCalculator.usd(nano: $0.limitNanoUSD) }
        budgetPeriod = budget?.period
    }

    /// What the store holds for `key` (an existing key reused by `--if-not-exists`); its first budget.
    static func stored(for key: APIKey, in database: Database) async throws(BrokleError) -> KeyLimitsField {
        let scope = LimitScope(.key, key.id)
        let limits = try await LimitStore(database).get(scope)?.limit.limits ?? RateLimits()
        let budget = try await BudgetStore(database).get(scope).first?.budget
        return KeyLimitsField(limits, budget: budget.map { ($0.period, $0.limitNanoUSD) })
    }
}
