import BrokleCore
import Foundation
import SQLKit

/// Usage and cost totals grouped by any of org, project, env, key, model, provider, day, hour, user,
/// session, tag — aggregated by the database in one GROUP BY, not in Swift. Whole hours come from
/// the hourly rollup (`usage_hourly`), the whole minutes of the partial hours at either end of the
/// range from `usage_minutely`, and at most a minute at each end from the traces, so the figures are exact for any `--since/--until` and cost thousands of rows, not millions. One
/// end user's or tag's figures come from `usage_identity_hourly` likewise; a session, metadata, or an
/// identity with a key, model or provider reads the traces of the whole range (``Plan``).
package struct CostReportStore: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    package enum Dimension: String, Sendable, CaseIterable {
        case org, project, env, key, model, provider, day, hour, user, session, tag

        /// Dimensions only the traces have (not the hourly rollups).
        var isIdentity: Bool { self == .user || self == .session || self == .tag }
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
        /// A dimension's value; absent for the group of traces without it (no end user, session or tag).
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
        case (.user, _): "t.end_user"
        case (.session, _): "t.session_id"
        case (.tag, _): "tg.value"
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

    /// One group per distinct combination of `dimensions`, ordered by them (the group without an
    /// end user, session or tag last) — or with `busiest`, only that many, most requests first. A
    /// trace with two tags counts in both tags' groups.
    package func groups(by dimensions: [Dimension], _ filter: TraceFilter, busiest: Int? = nil) async throws(BrokleError) -> [Group] {
        guard !dimensions.isEmpty else { return [] }
        let (filter, plan) = try await planned(filter, dimensions: dimensions)
        return try await database.call("build the cost report") {
            let selected = dimensions.enumerated().map { index, dimension in expression(dimension) + " AS g\(unsafeRaw: String(index))" }
            let positions = (1...dimensions.count).map { SQLQueryString("\(unsafeRaw: String($0))") }
            let byDimensions = positions.map { $0 + " NULLS LAST" }.joined(separator: ", ")
            let order: SQLQueryString =
                busiest.map { "ORDER BY requests DESC, \(byDimensions) LIMIT \(bind: $0)" } ?? "ORDER BY \(byDimensions)"
            let rows = try await database.sql.raw(
                """
                SELECT \(selected.joined(separator: ", ")), \(Self.aggregates)
                FROM \(source(plan)) t \(joins(dimensions, filter)) \(filter.whereClause(database.dialect, indexed: false))
                GROUP BY \(positions.joined(separator: ", ")) \(order)
                """
            ).all()
            return try rows.map { row in
                var keys: [Dimension: String] = [:]
                for (index, dimension) in dimensions.enumerated() {
                    keys[dimension] = try row.decode(column: "g\(index)", as: String?.self)
                }
                return Group(keys: keys, totals: try Self.totals(row))
            }
        }
    }

    /// Everything the filter covers, in one row (each trace once, whatever its tags).
    package func total(_ filter: TraceFilter) async throws(BrokleError) -> Totals {
        let (filter, plan) = try await planned(filter, dimensions: [])
        return try await database.call("build the cost report") {
            guard
                let row = try await database.sql.raw(
                    "SELECT \(Self.aggregates) FROM \(source(plan)) t \(joins([], filter)) \(filter.whereClause(database.dialect, indexed: false))"
                ).first()
            else {
                return Totals(requests: 0, errors: 0, tokensIn: 0, tokensOut: 0, tokensCached: 0, costNanoUSD: nil, unpricedRequests: 0)
            }
            return try Self.totals(row)
        }
    }

    func joins(_ dimensions: [Dimension], _ filter: TraceFilter) -> SQLQueryString {
        let tenancy = dimensions.contains { [.org, .project, .env].contains($0) }
        var joins = filter.joins(tenancy: tenancy, key: dimensions.contains(.key))
        if dimensions.contains(.tag) {
            // One row per tag; a trace without tags keeps one row, with a null tag.
            switch database.dialect {
            case .sqlite: joins = joins + " LEFT JOIN json_each(t.tags) tg"
            case .postgres: joins = joins + " LEFT JOIN LATERAL jsonb_array_elements_text(CAST(t.tags AS jsonb)) AS tg(value) ON true"
            }
        }
        return joins
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
