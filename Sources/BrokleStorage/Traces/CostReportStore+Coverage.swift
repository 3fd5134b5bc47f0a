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
        let plan = Plan(filter, dimensions: dimensions)
        guard let horizon = try await prunedHorizon(organization: filter.org) else {
            return Coverage(tracesPrunedBefore: nil, complete: true)
        }
        let reachesBack = plan.prunedWithTraces.contains { range in
            (range.from.map { $0 < horizon.prunedBefore } ?? true) && (range.to.map { $0 > horizon.firstHour } ?? true)
        }
        return Coverage(tracesPrunedBefore: horizon.prunedBefore, complete: !reachesBack)
    }

    /// Where the stored traces begin, when the rollups show traffic before that — per organization,
    /// as each may keep its traces for a time of its own (`brokle logging set --org`): of the report's
    /// organization (by slug), or of every one, the latest pruned start and the earliest rollup hour
    /// among those pruned. Per organization, index reads only: its rollups' first hour, its oldest
    /// trace (`traces_org_idx`), and when they fall in one hour, that hour's counts in both tables.
    func prunedHorizon(organization slug: String? = nil) async throws(BrokleError) -> (prunedBefore: Date, firstHour: Date)? {
        try await database.call("check which traces are still stored") {
            let filter: SQLQueryString =
                slug.map { "WHERE organization_id IN (SELECT id FROM organizations WHERE slug = \(bind: $0))" } ?? ""
            let firsts = try await database.sql.raw(
                "SELECT organization_id AS o, min(hour_start) AS at FROM usage_hourly \(filter) GROUP BY organization_id"
            ).all().map { (try $0.decode(column: "o", as: String.self), try $0.decode(column: "at", as: Date.self)) }
            var horizon: (prunedBefore: Date, firstHour: Date)?
            for (organization, firstHour) in firsts {
                guard let prunedBefore = try await Self.prunedBefore(organization, firstHour: firstHour, on: database) else { continue }
                horizon = (
                    max(prunedBefore, horizon?.prunedBefore ?? prunedBefore), min(firstHour, horizon?.firstHour ?? firstHour)
                )
            }
            return horizon
        }
    }

    /// Where `organization`'s stored traces begin, when its rollups (from `firstHour`) show traffic
    /// before that; nil when nothing evidently was pruned.
    private static func prunedBefore(_ organization: String, firstHour: Date, on database: Database) async throws -> Date? {
        let ref = TraceFilter.organizationRef(id: organization)
        let oldest = try await database.sql.raw("SELECT min(started_at) AS at FROM trace_rows WHERE org = \(ref)")
            .first()?.decode(column: "at", as: Date?.self)
        guard let oldest else { return Date.distantFuture }
        let oldestHour = UsageRollup.floorHour(oldest)
        if firstHour < oldestHour { return oldest }
        // Same hour: pruned inside it when the rollup counts more requests than traces remain.
        let next = oldestHour.addingTimeInterval(3600)
        let summed = try await database.count(
            """
            SELECT CAST(COALESCE(sum(requests), 0) AS BIGINT) AS n FROM usage_hourly
            WHERE hour_start = \(bind: oldestHour) AND organization_id = \(bind: organization)
            """)
        let stored = try await database.count(
            """
            SELECT count(*) AS n FROM trace_rows
            WHERE org = \(ref) AND started_at >= \(bind: oldestHour) AND started_at < \(bind: next)
            """)
        return summed > stored ? oldest : nil
    }
}
