import BrokleCore
import Foundation
import SQLKit

extension CacheStatsStore {
    /// Whether `cache_hourly` and `cache_minutely` answer `filter`: they have the tenancy and the model,
    /// not a key, provider, end user, session, tag or metadata.
    static func rollupsAnswer(_ filter: TraceFilter) -> Bool {
        !filter.hasIdentityConditions && filter.key == nil && filter.provider == nil && filter.status == nil
            && filter.minLatencyMs == nil && !filter.fallbackOnly && !filter.cachedOnly
    }

    /// The lookups as rows of `started_at`, tenancy, model and the figures ``rollupAggregates`` sums:
    /// whole hours from `cache_hourly`, the whole minutes of the partial hours from
    /// `cache_minutely`, and at most a minute at each end from the traces.
    static func rollupSource(_ filter: TraceFilter) -> SQLQueryString {
        let parts = CostReportStore.Plan.split(filter.since, filter.until, into: [(3600, .hourly), (60, .minutely)])
        let figures = SQLQueryString("\(unsafeRaw: CacheRollup.figureColumns.map { "r." + $0 }.joined(separator: ", "))")
        let selects = parts.map { part -> SQLQueryString in
            switch part.source {
            case .hourly, .minutely:
                let table = part.source == .hourly ? CacheRollup.hourly : CacheRollup.minutely
                let bucket = SQLQueryString("r.\(unsafeRaw: table.bucketColumn)")
                return
                    """
                    SELECT \(bucket) AS started_at, o.name AS organization_id, p.name AS project_id, e.name AS environment_id,
                        m.name AS model_requested, \(figures)
                    FROM \(unsafeRaw: table.name) r \(CostReportStore.names(["o": "org", "p": "project", "e": "environment", "m": "model_requested"]))
                    WHERE \(part.condition(on: bucket))
                    """
            default:
                return
                    """
                    SELECT x.started_at, x.organization_id, x.project_id, x.environment_id, x.model_requested, 1 AS requests,
                        CASE WHEN x.cache_result = 'hit_exact' THEN 1 ELSE 0 END AS exact_hits,
                        CASE WHEN x.cache_result = 'hit_semantic' THEN 1 ELSE 0 END AS semantic_hits,
                        CASE WHEN x.cache_result = 'miss' THEN 1 ELSE 0 END AS misses,
                        CASE WHEN x.cache_result = 'bypass' THEN 1 ELSE 0 END AS bypassed,
                        CASE WHEN x.cache_result IN ('hit_exact', 'hit_semantic') AND x.saved_nanousd IS NULL THEN 1 ELSE 0 END AS unpriced_hits,
                        COALESCE(x.saved_tokens_in, 0) AS tokens_saved_in, COALESCE(x.saved_tokens_out, 0) AS tokens_saved_out,
                        COALESCE(x.saved_nanousd, 0) AS saved_nanousd, COALESCE(x.cache_embed_nanousd, 0) AS embed_nanousd
                    FROM traces x WHERE x.cache_result IS NOT NULL AND \(part.condition(on: "x.started_at"))
                    """
            }
        }
        return "(" + selects.joined(separator: " UNION ALL ") + ")"
    }

    /// ``lookupAggregates`` over ``rollupSource(_:)``'s rows.
    static let rollupAggregates = SQLQueryString(
        "\(unsafeRaw: CacheRollup.figureColumns.map { "CAST(COALESCE(sum(t.\($0)), 0) AS BIGINT) AS \($0)" }.joined(separator: ", "))")
}
