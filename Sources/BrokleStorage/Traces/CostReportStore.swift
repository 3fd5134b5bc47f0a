import BrokleCore
import Foundation
import SQLKit

/// Usage and cost totals grouped by any of org, project, env, key, model, provider, day, hour —
/// aggregated by the database in one GROUP BY, not in Swift. Whole hours come from the hourly
/// rollup (`usage_hourly`); the partial hours at either end of the range from the traces, so the
/// figures are exact for any `--since/--until` and cost thousands of rows, not millions.
package struct CostReportStore: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    package enum Dimension: String, Sendable, CaseIterable {
        case org, project, env, key, model, provider, day, hour
    }

    package struct Totals: Sendable, Equatable {
        package var requests: Int
        package var errors: Int
        package var tokensIn: Int
        package var tokensOut: Int
        package var tokensCached: Int
        /// nil when none of the requests was priced.
        package var costNanoUSD: Int64?
        package var unpricedRequests: Int
    }

    package struct Group: Sendable {
        package var keys: [Dimension: String]
        package var totals: Totals
    }

    func expression(_ dimension: Dimension) -> SQLQueryString {
        switch (dimension, database.dialect) {
        case (.org, _): "COALESCE(o.slug, t.organization_id)"
        case (.project, _): "COALESCE(p.slug, t.project_id)"
        case (.env, _): "COALESCE(e.slug, t.environment_id)"
        case (.key, _): "COALESCE(k.public_id, t.api_key_id)"
        case (.model, _): "t.model_requested"
        case (.provider, _): "COALESCE(t.provider, '')"
        case (.day, .sqlite): "strftime('%Y-%m-%d', t.started_at, 'unixepoch')"
        case (.day, .postgres): "to_char(t.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
        case (.hour, .sqlite): "strftime('%Y-%m-%dT%H:00:00Z', t.started_at, 'unixepoch')"
        case (.hour, .postgres): #"to_char(t.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:00:00"Z"')"#
        }
    }

    static let aggregates: SQLQueryString = """
        CAST(COALESCE(sum(t.requests), 0) AS BIGINT) AS requests,
        CAST(COALESCE(sum(t.errors), 0) AS BIGINT) AS errors,
        CAST(COALESCE(sum(t.tokens_in), 0) AS BIGINT) AS tokens_in,
        CAST(COALESCE(sum(t.tokens_out), 0) AS BIGINT) AS tokens_out,
        CAST(COALESCE(sum(t.tokens_cached), 0) AS BIGINT) AS tokens_cached,
        CAST(sum(t.cost_nanousd) AS BIGINT) AS cost_nanousd,
        CAST(COALESCE(sum(t.unpriced_requests), 0) AS BIGINT) AS unpriced_requests
        """

    /// The rows to aggregate, as `traces`-shaped columns plus counts: whole hours of the range from
    /// `usage_hourly`, the partial hours at its ends from `traces`.
    func source(_ filter: TraceFilter) -> SQLQueryString {
        let firstWholeHour = filter.since.map(UsageRollup.ceilHour)
        let endOfWholeHours = filter.until.map(UsageRollup.floorHour)
        var rollupRange: [SQLQueryString] = []
        var rawRanges: [SQLQueryString] = []
        let noWholeHour = firstWholeHour.flatMap { first in endOfWholeHours.map { first >= $0 } } ?? false
        if noWholeHour {
            // The range sits inside one hour (or two partial ones): read it all from the traces.
            rawRanges.append(range(filter.since, filter.until))
        } else {
            if let first = firstWholeHour {
                rollupRange.append("r.hour_start >= \(bind: first)")
                if let since = filter.since, since < first { rawRanges.append(range(since, first)) }
            }
            if let end = endOfWholeHours {
                rollupRange.append("r.hour_start < \(bind: end)")
                if let until = filter.until, end < until { rawRanges.append(range(end, until)) }
            }
        }
        let rollupWhere: SQLQueryString = rollupRange.isEmpty ? "" : "WHERE " + rollupRange.joined(separator: " AND ")
        var parts: [SQLQueryString] = []
        if !noWholeHour {
            parts.append(
                """
                SELECT r.hour_start AS started_at, r.organization_id, r.project_id, r.environment_id, r.api_key_id, r.model_requested,
                       r.provider, r.requests, r.errors, r.tokens_in, r.tokens_out, r.tokens_cached, r.cost_nanousd, r.unpriced_requests
                FROM usage_hourly r \(rollupWhere)
                """)
        }
        if !rawRanges.isEmpty {
            parts.append(
                """
                SELECT x.started_at, x.organization_id, x.project_id, x.environment_id, x.api_key_id, x.model_requested,
                       COALESCE(x.provider, '') AS provider, 1 AS requests, CASE WHEN x.status = 'error' THEN 1 ELSE 0 END AS errors,
                       x.tokens_in, x.tokens_out, x.tokens_cached, x.cost_nanousd,
                       CASE WHEN x.cost_status = 'unpriced' THEN 1 ELSE 0 END AS unpriced_requests
                FROM traces x WHERE \(rawRanges.joined(separator: " OR "))
                """)
        }
        return "(" + parts.joined(separator: " UNION ALL ") + ")"
    }

    private func range(_ from: Date?, _ to: Date?) -> SQLQueryString {
        switch (from, to) {
        case let (from?, to?): "(x.started_at >= \(bind: from) AND x.started_at < \(bind: to))"
        case let (from?, nil): "(x.started_at >= \(bind: from))"
        case let (nil, to?): "(x.started_at < \(bind: to))"
        case (nil, nil): "(1 = 1)"
        }
    }

    /// One group per distinct combination of `dimensions`, ordered by them.
    package func groups(by dimensions: [Dimension], _ filter: TraceFilter) async throws(BrokleError) -> [Group] {
        guard !dimensions.isEmpty else { return [] }
        return try await database.call("build the cost report") {
            let selected = dimensions.enumerated().map { index, dimension in expression(dimension) + " AS g\(unsafeRaw: String(index))" }
            let positions = (1...dimensions.count).map { SQLQueryString("\(unsafeRaw: String($0))") }
            let rows = try await database.sql.raw(
                """
                SELECT \(selected.joined(separator: ", ")), \(Self.aggregates)
                FROM \(source(filter)) t \(joins(dimensions, filter)) \(filter.whereClause())
                GROUP BY \(positions.joined(separator: ", ")) ORDER BY \(positions.joined(separator: ", "))
                """
            ).all()
            return try rows.map { row in
                var keys: [Dimension: String] = [:]
                for (index, dimension) in dimensions.enumerated() {
                    keys[dimension] = try row.decode(column: "g\(index)", as: String?.self) ?? ""
                }
                return Group(keys: keys, totals: try Self.totals(row))
            }
        }
    }

    /// Everything the filter covers, in one row.
    package func total(_ filter: TraceFilter) async throws(BrokleError) -> Totals {
        try await database.call("build the cost report") {
            guard
                let row = try await database.sql.raw(
                    "SELECT \(Self.aggregates) FROM \(source(filter)) t \(joins([], filter)) \(filter.whereClause())"
                ).first()
            else {
                return Totals(requests: 0, errors: 0, tokensIn: 0, tokensOut: 0, tokensCached: 0, costNanoUSD: nil, unpricedRequests: 0)
            }
            return try Self.totals(row)
        }
    }

    func joins(_ dimensions: [Dimension], _ filter: TraceFilter) -> SQLQueryString {
        let tenancy = dimensions.contains { [.org, .project, .env].contains($0) }
        return filter.joins(tenancy: tenancy, key: dimensions.contains(.key))
    }

    static func totals(_ row: any SQLRow) throws -> Totals {
        Totals(
            requests: try row.decode(column: "requests", as: Int.self),
            errors: try row.decode(column: "errors", as: Int.self),
            tokensIn: try row.decode(column: "tokens_in", as: Int.self),
            tokensOut: try row.decode(column: "tokens_out", as: Int.self),
            tokensCached: try row.decode(column: "tokens_cached", as: Int.self),
            costNanoUSD: try row.decode(column: "cost_nanousd", as: Int64?.self),
            unpricedRequests: try row.decode(column: "unpriced_requests", as: Int.self)
        )
    }
}
