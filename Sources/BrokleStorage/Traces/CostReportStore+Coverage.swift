import BrokleCore
import Foundation
import SQLKit

extension CostReportStore {
    /// Whether a report can be exact. Retention prunes old traces while the hourly rollups keep their
    /// history: whole hours stay exact from the rollups, but what a report reads from the traces —
    /// the partial hours at its edges, and anything by end user, session, tag or metadata — only
    /// counts the traces still stored.
    package struct Coverage: Sendable, Equatable {
        /// Traces started before this time have been pruned; nil when none evidently were.
        package var tracesPrunedBefore: Date?
        /// False when the report reads traces from before ``tracesPrunedBefore``.
        package var complete: Bool
    }

    /// The coverage of the report `groups(by: dimensions, filter)` and `total(filter)` print.
    package func coverage(by dimensions: [Dimension], _ filter: TraceFilter) async throws(BrokleError) -> Coverage {
        let plan = Plan(filter, readsTracesOnly: filter.hasIdentityConditions || dimensions.contains(where: \.isIdentity))
        guard let horizon = try await prunedHorizon() else { return Coverage(tracesPrunedBefore: nil, complete: true) }
        let reachesBack = plan.traceRanges.contains { range in
            (range.from.map { $0 < horizon.prunedBefore } ?? true) && (range.to.map { $0 > horizon.firstHour } ?? true)
        }
        return Coverage(tracesPrunedBefore: horizon.prunedBefore, complete: !reachesBack)
    }

    /// Where the stored traces begin, when the rollups show traffic before that: the oldest trace's
    /// start (or the end of time when none is left) and the rollups' first hour. Three index reads:
    /// the rollups' first hour, the oldest trace, and that trace's hour in both tables.
    func prunedHorizon() async throws(BrokleError) -> (prunedBefore: Date, firstHour: Date)? {
        try await database.call("check which traces are still stored") {
            let firstHour = try await database.sql.raw("SELECT min(hour_start) AS at FROM usage_hourly").first()?
                .decode(column: "at", as: Date?.self)
            guard let firstHour else { return nil }
            let oldest = try await database.sql.raw("SELECT min(started_at) AS at FROM traces").first()?
                .decode(column: "at", as: Date?.self)
            guard let oldest else { return (Date.distantFuture, firstHour) }
            let oldestHour = UsageRollup.floorHour(oldest)
            if firstHour < oldestHour { return (oldest, firstHour) }
            // Same hour: pruned inside it when the rollup counts more requests than traces remain.
            let next = oldestHour.addingTimeInterval(3600)
            let summed = try await database.count(
                "SELECT CAST(COALESCE(sum(requests), 0) AS BIGINT) AS n FROM usage_hourly WHERE hour_start = \(bind: oldestHour)")
            let stored = try await database.count(
                "SELECT count(*) AS n FROM traces WHERE started_at >= \(bind: oldestHour) AND started_at < \(bind: next)")
            return summed > stored ? (oldest, firstHour) : nil
        }
    }
}
