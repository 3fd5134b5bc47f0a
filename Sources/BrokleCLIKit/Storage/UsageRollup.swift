import Foundation
import SQLKit

/// `usage_hourly`: per-hour totals by tenant, key, model and provider, added to in the same
/// transaction as the traces they summarise (migration 0004 backfilled what existed before).
enum UsageRollup {
    static func hourExpression(_ dialect: SQLDialectKind, column: String) -> SQLQueryString {
        switch dialect {
        case .sqlite: "CAST(\(unsafeRaw: column) / 3600 AS INTEGER) * 3600.0"
        case .postgres: "date_trunc('hour', \(unsafeRaw: column) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'"
        }
    }

    /// Adds the traces `traceIDs` (just inserted) to their hours.
    static func add(traceIDs: [String], dialect: SQLDialectKind, on sql: any SQLDatabase) async throws {
        guard !traceIDs.isEmpty else { return }
        let ids = SQLGroupExpression(traceIDs.map { SQLBind($0) })
        try await sql.raw("""
            INSERT INTO usage_hourly (hour_start, organization_id, project_id, environment_id, api_key_id, model_requested, provider,
                                      requests, errors, tokens_in, tokens_out, tokens_cached, cost_nanousd, unpriced_requests)
            SELECT \(hourExpression(dialect, column: "started_at")), organization_id, project_id, environment_id, api_key_id,
                   model_requested, COALESCE(provider, ''), count(*), sum(CASE WHEN status = 'error' THEN 1 ELSE 0 END),
                   sum(tokens_in), sum(tokens_out), sum(tokens_cached), sum(cost_nanousd),
                   sum(CASE WHEN cost_status = 'unpriced' THEN 1 ELSE 0 END)
            FROM traces WHERE id IN \(ids)
            GROUP BY 1, 2, 3, 4, 5, 6, 7
            ON CONFLICT (hour_start, organization_id, project_id, environment_id, api_key_id, model_requested, provider) DO UPDATE SET
                requests = usage_hourly.requests + excluded.requests,
                errors = usage_hourly.errors + excluded.errors,
                tokens_in = usage_hourly.tokens_in + excluded.tokens_in,
                tokens_out = usage_hourly.tokens_out + excluded.tokens_out,
                tokens_cached = usage_hourly.tokens_cached + excluded.tokens_cached,
                cost_nanousd = CASE WHEN excluded.cost_nanousd IS NULL THEN usage_hourly.cost_nanousd
                                    ELSE COALESCE(usage_hourly.cost_nanousd, 0) + excluded.cost_nanousd END,
                unpriced_requests = usage_hourly.unpriced_requests + excluded.unpriced_requests
            """).run()
    }

    /// The start of the hour containing `date`, and of the next one (UTC hours).
    static func floorHour(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
    }

    static func ceilHour(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 3600).rounded(.up) * 3600)
    }
}
