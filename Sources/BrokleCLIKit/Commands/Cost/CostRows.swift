import BrokleCore
import BrokleStorage
import Foundation

/// The figures of a cost report row or its total. `cost_usd` is null only when no request in it
/// was priced; `unpriced_requests` counts those whose model has no price.
struct CostFigures: GroupFigures {
    var requests: Int
    var errors: Int
    var tokensIn: Int
    var tokensOut: Int
    var tokensCached: Int
    @Nullable var costUSD: Decimal?
    var unpricedRequests: Int

    enum CodingKeys: String, CodingKey {
        case requests, errors, tokensIn = "tokens_in", tokensOut = "tokens_out", tokensCached = "tokens_cached"
        case costUSD = "cost_usd", unpricedRequests = "unpriced_requests"
    }

    init(_ totals: CostReportStore.Totals) {
        requests = totals.requests
        errors = totals.errors
        tokensIn = totals.tokensIn
        tokensOut = totals.tokensOut
        tokensCached = totals.tokensCached
        costUSD = totals.costNanoUSD.map { CostCalculator.usd(nano: $0) }
        unpricedRequests = totals.unpricedRequests
    }

    static let columns = ["requests", "errors", "tokens_in", "tokens_out", "tokens_cached", "cost_usd", "unpriced_requests"]
}

/// One group of the cost report: its dimension values then the figures, flat.
typealias CostGroupRow = GroupedRow<CostFigures>

/// The final `{"total": {...}, "complete": true}` line. `complete` is false, with a `note` saying
/// why, when the report reads traces from before the oldest one still stored (retention pruned them).
struct CostTotalRow: OutputRow {
    static let columns = ["total"]
    var total: CostFigures
    var complete: Bool
    var note: String?
}
