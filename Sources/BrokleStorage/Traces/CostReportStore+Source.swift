import BrokleCore
import Foundation
import SQLKit

extension CostReportStore {
    /// Where a report's rows come from: whole hours of the range from `usage_hourly`, the rest from
    /// `traces` — the partial hours at its ends, or, for what the rollups cannot answer (end user,
    /// session, tags, metadata), the whole range.
    struct Plan {
        /// The whole hours read from the rollups, as [from, to) (either open); nil: none.
        var rollup: (from: Date?, to: Date?)?
        /// The ranges read from the traces, each [from, to) (either open).
        var traceRanges: [(from: Date?, to: Date?)] = []
        /// The traces' identity columns are selected (a report on the traces alone).
        var identity = false
        /// The range is most of the table: read it in a scan, not through the started_at index (SQLite).
        var scan = false

        init(_ filter: TraceFilter, readsTracesOnly: Bool) {
            if readsTracesOnly {
                identity = true
                scan = filter.readsMostOfTheTable
                traceRanges = [(filter.since, filter.until)]
                return
            }
            let firstWholeHour = filter.since.map(UsageRollup.ceilHour)
            let endOfWholeHours = filter.until.map(UsageRollup.floorHour)
            if let first = firstWholeHour, let end = endOfWholeHours, first >= end {
                // The range sits inside one hour (or two partial ones): read it all from the traces.
                traceRanges = [(filter.since, filter.until)]
                return
            }
            rollup = (firstWholeHour, endOfWholeHours)
            if let since = filter.since, let first = firstWholeHour, since < first { traceRanges.append((since, first)) }
            if let until = filter.until, let end = endOfWholeHours, end < until { traceRanges.append((end, until)) }
        }
    }

    /// The filter and plan of a report; a report on the traces alone over most of them is read in a scan.
    func planned(_ filter: TraceFilter, readsTracesOnly: Bool) async throws(BrokleError) -> (TraceFilter, Plan) {
        var filter = filter
        if readsTracesOnly { filter.readsMostOfTheTable = try await filter.coversMostTraces(on: database) }
        return (filter, Plan(filter, readsTracesOnly: readsTracesOnly))
    }

    /// The rows to aggregate, as `traces`-shaped columns plus counts.
    func source(_ plan: Plan) -> SQLQueryString {
        var parts: [SQLQueryString] = []
        if let rollup = plan.rollup {
            var range: [SQLQueryString] = []
            if let from = rollup.from { range.append("r.hour_start >= \(bind: from)") }
            if let to = rollup.to { range.append("r.hour_start < \(bind: to)") }
            let rollupWhere: SQLQueryString = range.isEmpty ? "" : "WHERE " + range.joined(separator: " AND ")
            parts.append(
                """
                SELECT r.hour_start AS started_at, r.organization_id, r.project_id, r.environment_id, r.api_key_id, r.model_requested,
                       r.provider, r.requests, r.errors, r.tokens_in, r.tokens_out, r.tokens_cached, r.cost_nanousd, r.unpriced_requests
                FROM usage_hourly r \(rollupWhere)
                """)
        }
        if !plan.traceRanges.isEmpty {
            let identity: SQLQueryString = plan.identity ? ", x.end_user, x.session_id, x.tags, x.metadata" : ""
            parts.append(
                """
                SELECT x.started_at, x.organization_id, x.project_id, x.environment_id, x.api_key_id, x.model_requested,
                       COALESCE(x.provider, '') AS provider, 1 AS requests, CASE WHEN x.status = 'error' THEN 1 ELSE 0 END AS errors,
                       x.tokens_in, x.tokens_out, x.tokens_cached, x.cost_nanousd,
                       CASE WHEN x.cost_status = 'unpriced' THEN 1 ELSE 0 END AS unpriced_requests\(identity)
                FROM traces x WHERE \(plan.traceRanges.map { range($0, scan: plan.scan) }.joined(separator: " OR "))
                """)
        }
        return "(" + parts.joined(separator: " UNION ALL ") + ")"
    }

    private func range(_ range: (from: Date?, to: Date?), scan: Bool) -> SQLQueryString {
        let column: SQLQueryString = scan && database.dialect == .sqlite ? "+x.started_at" : "x.started_at"
        return switch (range.from, range.to) {
        case let (from?, to?): "(" + column + " >= \(bind: from) AND " + column + " < \(bind: to))"
        case let (from?, nil): "(" + column + " >= \(bind: from))"
        case let (nil, to?): "(" + column + " < \(bind: to))"
        case (nil, nil): "(1 = 1)"
        }
    }
}
