import BrokleCore
import BrokleStorage
import Foundation

/// A budget and the current period's use of it, as `budgets ...` print them; money in USD as
/// `cost report` prints it. A per-user budget's use is one end user's (`end_user`): null when the
/// command named none (`budgets show --env … --per-user --user U` reads one).
struct BudgetFields: ScopedRowFields {
    static let columns = [
        "period", "limit_usd", "spent_usd", "reserved_usd", "remaining_usd", "period_start", "period_end", "end_user",
    ]
    var period: BudgetPeriod
    var limitUSD: Decimal
    @Nullable var spentUSD: Decimal?
    @Nullable var reservedUSD: Decimal?
    @Nullable var remainingUSD: Decimal?
    var periodStart: Date
    var periodEnd: Date
    @Nullable var endUser: String?

    enum CodingKeys: String, CodingKey {
        case period, limitUSD = "limit_usd", spentUSD = "spent_usd", reservedUSD = "reserved_usd", remainingUSD = "remaining_usd"
        case periodStart = "period_start", periodEnd = "period_end", endUser = "end_user"
    }

    init(_ budget: Budget, usage: BudgetUsage?, endUser: String?, at date: Date) {
        let counter = budget.counter(at: date)
        period = budget.period
        limitUSD = CostCalculator.usd(nano: budget.limitNanoUSD)
        spentUSD = usage.map { CostCalculator.usd(nano: $0.spentNanoUSD) }
        reservedUSD = usage.map { CostCalculator.usd(nano: $0.reservedNanoUSD) }
        remainingUSD = usage.map { CostCalculator.usd(nano: $0.remainingNanoUSD) }
        periodStart = counter.periodStart ?? date
        periodEnd = counter.periodEnd ?? date
        self.endUser = budget.scope.kind == .endUser ? endUser : nil
    }
}

typealias BudgetRow = ScopedRow<BudgetFields>

extension BudgetStore {
    /// The rows of `entries`, with the use of the period containing `date` (a per-user budget's
    /// for `endUser`, when named).
    func rows(_ entries: [Entry], at date: Date = Date(), endUser: String? = nil) async throws(BrokleError) -> [BudgetRow] {
        let usages = try await usage(of: entries, at: date, endUser: endUser)
        return zip(entries, usages).map { entry, usage in
            BudgetRow(entry.path, BudgetFields(entry.budget, usage: usage, endUser: endUser, at: date))
        }
    }
}
