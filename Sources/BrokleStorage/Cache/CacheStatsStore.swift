import BrokleCore
import Foundation
import SQLKit

/// What the response cache did and holds: lookups, hits and savings grouped by any of model,
/// project, env, day — from the cache rollups (whole hours and minutes, ``CacheRollup``) and the
/// traces at the range's edges, or from the range's traces when a filter needs them (a tag, a key,
/// a provider); and the live entries and their bytes from `cache_entries` (one GROUP BY, without
/// day: entries are a snapshot of now, not a time series).
package struct CacheStatsStore: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    package enum Dimension: String, Sendable, CaseIterable {
        case model, project, env, day

        /// The same grouping in the cost report, whose expressions over `traces t` are reused.
        var costDimension: CostReportStore.Dimension {
            switch self {
            case .model: .model
            case .project: .project
            case .env: .env
            case .day: .day
            }
        }

        /// The grouping over `cache_entries c`; nil for day.
        var entryExpression: SQLQueryString? {
            switch self {
            case .model: "c.model"
            case .project: "COALESCE(p.slug, c.project_id)"
            case .env: "COALESCE(e.slug, c.environment_id)"
            case .day: nil
            }
        }
    }

    /// One group per combination of `dimensions` seen in the traces or among the live entries,
    /// ordered by them; with no dimensions, the one total group. With tags in the filter, the
    /// traces carrying them only, and no entries (an entry is not tagged).
    package func groups(by dimensions: [Dimension], _ filter: TraceFilter, now: Date) async throws(BrokleError) -> [Group] {
        let lookups = try await lookups(by: dimensions, filter)
        // Entries are a snapshot of now, not a time series, and carry no tags: none by day or by tag.
        guard !dimensions.contains(.day), filter.tags.isEmpty else {
            return lookups.map { Group(keys: $0.keys, lookups: $0.figures, stored: nil) }
        }
        var entryFilter = CacheEntryFilter(tenancyAndModelOf: filter)
        entryFilter.liveAt = now
        let stored = try await stored(by: dimensions, entryFilter)
        var groups: [[String]: Group] = [:]
        for (keys, figures) in lookups {
            groups[dimensions.map { keys[$0] ?? "" }] = Group(keys: keys, lookups: figures, stored: Stored())
        }
        for (keys, figures) in stored {
            groups[dimensions.map { keys[$0] ?? "" }, default: Group(keys: keys, lookups: Lookups(), stored: nil)].stored = figures
        }
        return groups.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.value)
    }

    static let lookupAggregates: SQLQueryString = """
        CAST(count(*) AS BIGINT) AS requests,
        CAST(COALESCE(sum(CASE WHEN t.cache_result = 'hit_exact' THEN 1 ELSE 0 END), 0) AS BIGINT) AS exact_hits,
        CAST(COALESCE(sum(CASE WHEN t.cache_result = 'hit_semantic' THEN 1 ELSE 0 END), 0) AS BIGINT) AS semantic_hits,
        CAST(COALESCE(sum(CASE WHEN t.cache_result = 'miss' THEN 1 ELSE 0 END), 0) AS BIGINT) AS misses,
        CAST(COALESCE(sum(CASE WHEN t.cache_result = 'bypass' THEN 1 ELSE 0 END), 0) AS BIGINT) AS bypassed,
        CAST(COALESCE(sum(CASE WHEN t.cache_result IN ('hit_exact', 'hit_semantic') AND t.saved_nanousd IS NULL
            THEN 1 ELSE 0 END), 0) AS BIGINT) AS unpriced_hits,
        CAST(COALESCE(sum(t.saved_tokens_in), 0) AS BIGINT) AS tokens_saved_in,
        CAST(COALESCE(sum(t.saved_tokens_out), 0) AS BIGINT) AS tokens_saved_out,
        CAST(COALESCE(sum(t.saved_nanousd), 0) AS BIGINT) AS saved_nanousd,
        CAST(COALESCE(sum(t.cache_embed_nanousd), 0) AS BIGINT) AS embed_nanousd
        """

    /// The traces' side: requests whose model had caching on (`cache_result` set), by group.
    func lookups(by dimensions: [Dimension], _ filter: TraceFilter) async throws(BrokleError) -> [(
        keys: [Dimension: String], figures: Lookups
    )] {
        var filter = filter
        let report = CostReportStore(database)
        let selected = dimensions.map { report.expression($0.costDimension) }
        let tenancy = dimensions.contains { $0 == .project || $0 == .env }
        let query: SQLQueryString
        if Self.rollupsAnswer(filter) {
            query = Self.grouped(
                selected, aggregates: Self.rollupAggregates,
                from: Self.rollupSource(filter) + " t " + filter.joins(tenancy: tenancy) + " "
                    + filter.whereClause(database.dialect, indexed: false))
        } else {
            filter.readsMostOfTheTable = try await filter.coversMostTraces(on: database)
            query = Self.grouped(
                selected, aggregates: Self.lookupAggregates,
                from: "traces t " + filter.joins(tenancy: tenancy) + " " + filter.whereClause(database.dialect)
                    + " AND t.cache_result IS NOT NULL")
        }
        return try await database.call("read the cache statistics") {
            try await database.sql.raw(query).all().map { row in
                (
                    try Self.keys(row, dimensions),
                    try Self.lookups(row)
                )
            }
        }
    }

    /// The entries' side: live rows of `cache_entries` and their bytes, by group (never by day).
    func stored(by dimensions: [Dimension], _ filter: CacheEntryFilter) async throws(BrokleError) -> [(
        keys: [Dimension: String], figures: Stored
    )] {
        let selected = dimensions.compactMap(\.entryExpression)
        let query = Self.grouped(
            selected,
            aggregates: "CAST(count(*) AS BIGINT) AS entries, CAST(COALESCE(sum(c.bytes), 0) AS BIGINT) AS bytes",
            from: CacheEntryFilter.source + " " + filter.whereClause())
        return try await database.call("count the cache entries") {
            try await database.sql.raw(query).all().map { row in
                (
                    try Self.keys(row, dimensions),
                    Stored(entries: try row.decode(column: "entries", as: Int.self), bytes: try row.decode(column: "bytes", as: Int.self))
                )
            }
        }
    }

    /// `SELECT g0, g1, …, aggregates FROM … GROUP BY 1, 2, …` (no GROUP BY without expressions:
    /// one row, even over no rows).
    static func grouped(_ expressions: [SQLQueryString], aggregates: SQLQueryString, from: SQLQueryString) -> SQLQueryString {
        guard !expressions.isEmpty else { return "SELECT \(aggregates) FROM \(from)" }
        let selected = expressions.enumerated().map { index, expression in expression + " AS g\(unsafeRaw: String(index))" }
        let positions = (1...expressions.count).map { SQLQueryString("\(unsafeRaw: String($0))") }
        return """
            SELECT \(selected.joined(separator: ", ")), \(aggregates) FROM \(from)
            GROUP BY \(positions.joined(separator: ", ")) ORDER BY \(positions.joined(separator: ", "))
            """
    }

    static func keys(_ row: any SQLRow, _ dimensions: [Dimension]) throws -> [Dimension: String] {
        var keys: [Dimension: String] = [:]
        for (index, dimension) in dimensions.enumerated() {
            keys[dimension] = try row.decode(column: "g\(index)", as: String?.self) ?? ""
        }
        return keys
    }

    static func lookups(_ row: any SQLRow) throws -> Lookups {
        var figures = Lookups()
        figures.requests = try row.decode(column: "requests", as: Int.self)
        figures.exactHits = try row.decode(column: "exact_hits", as: Int.self)
        figures.semanticHits = try row.decode(column: "semantic_hits", as: Int.self)
        figures.misses = try row.decode(column: "misses", as: Int.self)
        figures.bypassed = try row.decode(column: "bypassed", as: Int.self)
        figures.unpricedHits = try row.decode(column: "unpriced_hits", as: Int.self)
        figures.tokensSavedIn = try row.decode(column: "tokens_saved_in", as: Int.self)
        figures.tokensSavedOut = try row.decode(column: "tokens_saved_out", as: Int.self)
        figures.savedNanoUSD = try row.decode(column: "saved_nanousd", as: Int64.self)
        figures.embedNanoUSD = try row.decode(column: "embed_nanousd", as: Int64.self)
        return figures
    }
}
