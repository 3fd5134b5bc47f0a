import BrokleCore
import BrokleStorage
import Foundation

/// A budget and the current period's use of it, as `budgets ...` print them; money in USD as
/// `cost report` prints it.
struct BudgetFields: ScopedRowFields {
    static let columns = ["period", "limit_usd", "spent_usd", "reserved_usd", "remaining_usd", "period_start", "period_end"]
    var period: BudgetPeriod
    var limitUSD: Decimal
    var spentUSD: Decimal
    var reservedUSD: Decimal
    var remainingUSD: Decimal
    var periodStart: Date
    var periodEnd: Date

    enum CodingKeys: String, CodingKey {
        case period, limitUSD = "limit_usd", spentUSD = "spent_usd", reservedUSD = "reserved_usd", remainingUSD = "remaining_usd"
        case periodStart = "period_start", periodEnd = "period_end"
    }

    init(_ usage: BudgetUsage) {
        period = usage.budget.period
        limitUSD = CostCalculator.usd(nano: usage.budget.limitNanoUSD)
        spentUSD = CostCalculator.usd(nano: usage.spentNanoUSD)
        reservedUSD = CostCalculator.usd(nano: usage.reservedNanoUSD)
        remainingUSD = CostCalculator.usd(nano: usage.remainingNanoUSD)
        periodStart = usage.periodStart
        periodEnd = usage.periodEnd
    }
}

typealias BudgetRow = ScopedRow<BudgetFields>

extension BudgetStore {
    /// The rows of `entries`, with the use of the period containing `date`.
    func rows(_ entries: [Entry], at date: Date = Date()) async throws(BrokleError) -> [BudgetRow] {
        let usages = try await usage(of: entries, at: date)
        return zip(entries, usages).map { entry, usage in BudgetRow(entry.path, BudgetFields(usage)) }
    }
}
