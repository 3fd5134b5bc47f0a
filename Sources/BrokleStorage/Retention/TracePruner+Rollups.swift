import BrokleCore
import Foundation
import SQLKit

extension TracePruner {
    /// A rollup pruned with the traces it summarises (migration 0017): each bucket that holds a pruned
    /// trace goes whole, so what stays sums only stored traces — which ``TraceErasure`` can subtract
    /// from, and no end user's id outlives their traces. `usage_hourly` keeps its history.
    struct PrunedRollup: Sendable {
        var table: String
        var bucketColumn: String
        var seconds: Double
        var key: [String]

        static let all =
            [
                PrunedRollup(
                    table: UsageRollup.Table.minutely.name, bucketColumn: UsageRollup.Table.minutely.bucketColumn, seconds: 60,
                    key: [UsageRollup.Table.minutely.bucketColumn] + UsageRollup.numberedKeyColumns),
                PrunedRollup(
                    table: CacheRollup.minutely.name, bucketColumn: CacheRollup.minutely.bucketColumn, seconds: 60,
                    key: [CacheRollup.minutely.bucketColumn] + CacheRollup.keyColumns),
            ]
            + IdentityRollup.Table.all.map { table in
                PrunedRollup(table: table.name, bucketColumn: table.bucketColumn, seconds: table.seconds, key: table.keyColumns)
            }

        /// The rows of `rule`'s organizations (their `trace_names` numbers) in buckets that start
        /// before the bucket after its cut.
        func condition(_ rule: PruneRule) -> SQLQueryString {
            let bucket = SQLQueryString("\(unsafeRaw: bucketColumn) < ") + "\(bind: UsageRollup.ceil(rule.before, seconds))"
            func organizations(_ ids: [String]) -> SQLQueryString {
                "(SELECT ref FROM trace_names WHERE name IN (" + ids.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ") + "))"
            }
            switch rule.organizations {
            case .only(let id): return bucket + " AND org IN " + organizations([id])
            case .except(let ids) where ids.isEmpty: return bucket
            case .except(let ids): return bucket + " AND org NOT IN " + organizations(ids)
            }
        }
    }

    /// Rows per rollup batch: small rows, a few milliseconds of write lock.
    static let rollupBatch = 5_000

    /// Deletes (or, dry, counts) the pruned rollups' rows under `rule`; how many.
    func pruneRollups(_ rule: PruneRule, dryRun: Bool) async throws(BrokleError) -> Int {
        let database = self.database
        var removed = 0
        for rollup in PrunedRollup.all {
            let condition = rollup.condition(rule)
            if dryRun {
                removed += try await database.call("count prunable rollups", timeout: timeout) {
                    try await database.count("SELECT count(*) AS n FROM \(unsafeRaw: rollup.table) WHERE " + condition)
                }
                continue
            }
            let key = SQLQueryString("\(unsafeRaw: rollup.key.joined(separator: ", "))")
            let query: SQLQueryString =
                "DELETE FROM \(unsafeRaw: rollup.table) WHERE (" + key + ") IN (SELECT " + key + " FROM \(unsafeRaw: rollup.table) WHERE "
                + condition + " LIMIT \(bind: Self.rollupBatch)) RETURNING 1"
            // Looked for outside a transaction first: a prune with nothing to remove takes no write lock.
            let any = try await database.call("find prunable rollups", timeout: timeout) {
                try await database.sql.raw("SELECT 1 AS n FROM \(unsafeRaw: rollup.table) WHERE " + condition + " LIMIT 1").first() != nil
            }
            while any {
                let count = try await database.write("prune \(rollup.table)", timeout: timeout) { sql in
                    try await sql.raw(query).all().count
                }
                removed += count
                if count < Self.rollupBatch { break }
                if database.dialect == .sqlite { try? await Task.sleep(for: pause) }
            }
        }
        return removed
    }
}
