import BrokleCore
import Foundation
import SQLKit

extension TraceQueryStore {
    /// The latencies, statuses and cache results of the newest `limit` traces the filter covers,
    /// for percentiles and rates over a bounded sample (the dashboard's overview): read along the
    /// (organization, started_at) index newest first, so the cost is the sample's, whatever the range.
    package struct LatencySample: Sendable, Equatable {
        /// Ascending.
        package var latenciesMs: [Double]
        /// Traces with a cache lookup (hit or miss), and the hits among them.
        package var cacheLookups: Int
        package var cacheHits: Int
        /// What the cache hits among them saved (nano-USD).
        package var savedNanoUSD: Int64

        /// The `fraction` percentile (nearest rank), nil without traces.
        package func percentile(_ fraction: Double) -> Double? {
            guard !latenciesMs.isEmpty else { return nil }
            let rank = Int((fraction * Double(latenciesMs.count)).rounded(.up)) - 1
            return latenciesMs[min(max(rank, 0), latenciesMs.count - 1)]
        }
    }

    package func latencySample(_ filter: TraceFilter, limit: Int) async throws(BrokleError) -> LatencySample {
        try await database.call("sample latencies") {
            let rows = try await database.sql.raw(
                """
                SELECT t.latency_ms, t.cache_result, t.saved_nanousd FROM traces t \(filter.joins()) \(filter.whereClause(database.dialect))
                ORDER BY t.started_at DESC LIMIT \(bind: limit)
                """
            ).all()
            var latencies: [Double] = []
            latencies.reserveCapacity(rows.count)
            var lookups = 0
            var hits = 0
            var saved: Int64 = 0
            for row in rows {
                saved += try row.decode(column: "saved_nanousd", as: Int64?.self) ?? 0
                latencies.append(try row.decode(column: "latency_ms", as: Double.self))
                switch try row.decode(column: "cache_result", as: String?.self) {
                case "hit_exact", "hit_semantic":
                    lookups += 1
                    hits += 1
                case "miss": lookups += 1
                default: break
                }
            }
            return LatencySample(latenciesMs: latencies.sorted(), cacheLookups: lookups, cacheHits: hits, savedNanoUSD: saved)
        }
    }
}
