@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

/// The rollups pruned with the traces (`usage_minutely`, `usage_identity_hourly` and `_daily`,
/// `cache_minutely`) hold exactly what
/// aggregating the stored traces gives: as the writer adds, erasure moves and retention prunes.
enum RollupInvariant {
    /// With `from`, buckets before it are left out (retention took them whole, and maybe not all their traces).
    static func expectMatchesTheTraces(
        _ database: Database, from: Date? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let truncated: (Int) -> String = { seconds in
            database.dialect == .sqlite
                ? "(CAST(t.started_at / \(seconds) AS INTEGER) * \(seconds))"
                : "(CAST(floor(extract(epoch FROM t.started_at) / \(seconds)) AS BIGINT) * \(seconds))"
        }
        let (minute, hour, day) = (truncated(60), truncated(3600), truncated(86_400))
        let epoch: (String) -> String = { column in
            database.dialect == .sqlite ? "CAST(\(column) AS INTEGER)" : "CAST(extract(epoch FROM \(column)) AS BIGINT)"
        }
        let sums = """
            count(*) || '/' || sum(CASE WHEN t.status = 'error' THEN 1 ELSE 0 END) || '/' || sum(t.tokens_in) || '/' \
            || sum(t.tokens_out) || '/' || COALESCE(sum(t.cost_nanousd), 0) || '/' || sum(CASE WHEN t.cost_status = 'unpriced' THEN 1 ELSE 0 END)
            """
        let stored = """
            r.requests || '/' || r.errors || '/' || r.tokens_in || '/' || r.tokens_out || '/' || COALESCE(r.cost_nanousd, 0) \
            || '/' || r.unpriced_requests
            """
        let tags =
            database.dialect == .sqlite
            ? "LEFT JOIN json_each(t.tags) tg" : "LEFT JOIN LATERAL jsonb_array_elements_text(CAST(t.tags AS jsonb)) AS tg(value) ON true"
        var expected: [(String, String)] = [
            (
                """
                SELECT \(minute) || '|' || t.organization_id || '|' || t.api_key_id || '|' || t.model_requested || '|' \
                || COALESCE(t.provider, '') || '|' || \(sums) AS line FROM traces t GROUP BY \(minute), t.organization_id, t.project_id,
                t.environment_id, t.api_key_id, t.model_requested, COALESCE(t.provider, '')
                """,
                """
                SELECT \(epoch("r.minute_start")) || '|' || o.name || '|' || k.name || '|' || m.name \
                || '|' || COALESCE(pv.name, '') || '|' || \(stored) AS line FROM usage_minutely r \(names(["org": "o", "api_key": "k", "model_requested": "m", "provider": "pv"]))
                """
            ),
            (
                """
                SELECT \(minute) || '|' || t.organization_id || '|' || t.project_id || '|' || t.model_requested || '|' || count(*) \
                || '/' || sum(CASE WHEN t.cache_result = 'hit_exact' THEN 1 ELSE 0 END) || '/' \
                || sum(CASE WHEN t.cache_result = 'miss' THEN 1 ELSE 0 END) || '/' || COALESCE(sum(t.saved_nanousd), 0) || '/' \
                || COALESCE(sum(t.saved_tokens_in), 0) AS line FROM traces t WHERE t.cache_result IS NOT NULL
                GROUP BY \(minute), t.organization_id, t.project_id, t.environment_id, t.model_requested
                """,
                """
                SELECT \(epoch("r.minute_start")) || '|' || o.name || '|' || p.name || '|' || m.name \
                || '|' || r.requests || '/' || r.exact_hits || '/' || r.misses || '/' || r.saved_nanousd || '/' || r.tokens_saved_in
                AS line FROM cache_minutely r \(names(["org": "o", "project": "p", "model_requested": "m"]))
                """
            ),
        ]
        // On SQLite the daily rows hold the traces of the hours before their mark (IdentityDailyRoll).
        let rolled = try await IdentityDailyRoll.mark(on: database.sql, dialect: database.dialect)
        let beforeMark = rolled.map { "WHERE t.started_at < \($0.timeIntervalSince1970)" } ?? ""
        for (bucket, column, table, only) in [
            (hour, "hour_start", "usage_identity_hourly", ""), (day, "day_start", "usage_identity_daily", beforeMark),
        ] {
            let joins = names(["org": "o", "project": "p"])
            expected.append(
                (
                    """
                    SELECT 'user|' || \(bucket) || '|' || t.organization_id || '|' || t.project_id || '|' || COALESCE(t.end_user, '') \
                    || '|' || \(sums) AS line FROM traces t \(only) GROUP BY \(bucket), t.organization_id, t.project_id,
                    t.environment_id, COALESCE(t.end_user, '')
                    """,
                    """
                    SELECT 'user|' || \(epoch("r." + column)) || '|' || o.name || '|' || p.name || '|' || r.value || '|' || \(stored)
                    AS line FROM \(table) r \(joins) WHERE r.kind = 1
                    """
                ))
            expected.append(
                (
                    """
                    SELECT 'tag|' || \(bucket) || '|' || t.organization_id || '|' || t.project_id || '|' || COALESCE(tg.value, '') \
                    || '|' || \(sums) AS line FROM traces t \(tags) \(only) GROUP BY \(bucket), t.organization_id, t.project_id,
                    t.environment_id, COALESCE(tg.value, '')
                    """,
                    """
                    SELECT 'tag|' || \(epoch("r." + column)) || '|' || o.name || '|' || p.name || '|' || r.value || '|' || \(stored)
                    AS line FROM \(table) r \(joins) WHERE r.kind = 2
                    """
                ))
        }
        let kept: (String) -> Bool = { line in from.map { Self.bucket(line) >= $0.timeIntervalSince1970 } ?? true }
        for (fromTraces, fromRollup) in expected {
            let want = try await lines(fromTraces, database).filter(kept)
            let have = try await lines(fromRollup, database).filter(kept)
            let missing = Set(want).subtracting(have).sorted().prefix(5)
            let extra = Set(have).subtracting(want).sorted().prefix(5)
            #expect(
                have == want,
                "\(fromRollup.prefix(60)): \(have.count) rows, \(want.count) from the traces; missing \(missing), extra \(extra)",
                sourceLocation: sourceLocation)
        }
    }

    /// Joins of `trace_names` for the rollup `r`'s numbered columns.
    private static func names(_ columns: KeyValuePairs<String, String>) -> String {
        columns.map { column, alias in " LEFT JOIN trace_names \(alias) ON \(alias).ref = r.\(column)" }.joined()
    }

    /// A line's bucket: its first number.
    private static func bucket(_ line: String) -> Double {
        Double(line.split(separator: "|").first { Double($0) != nil } ?? "") ?? 0
    }

    private static func lines(_ query: String, _ database: Database) async throws -> [String] {
        try await database.sql.raw(SQLQueryString(query)).all().map { try $0.decode(column: "line", as: String.self) }.sorted()
    }
}
