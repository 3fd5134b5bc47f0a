import BrokleCore
import Foundation

/// `usage_hourly`: per-hour totals by tenant, key, model and provider, added to in the same
/// transaction as the traces they summarise (migration 0004 backfilled what existed before).
enum UsageRollup {
    /// Adds `traces` (just inserted) to their hours: summed here, one row per hour and tenant, key,
    /// model and provider, so the database does not read the traces back.
    static func add<S: TraceStatements>(_ traces: [TraceRecord], on statements: S) async throws {
        try await statements.inSlices(
            Array(totals(traces)), columns: columns.count, sql: { S.insert(into: "usage_hourly", columns, rows: $0) + upsert },
            bind: { row, binds in bind(row.key, row.value, into: &binds) }, run: statements.run)
    }

    /// `traces` summed by hour and tenant, key, model and provider.
    static func totals(_ traces: [TraceRecord]) -> [Group: Totals] {
        var groups: [Group: Totals] = [:]
        for trace in traces {
            groups[Group(trace), default: Totals()].add(trace)
        }
        return groups
    }

    static let columns = [
        "hour_start", "organization_id", "project_id", "environment_id", "api_key_id", "model_requested", "provider",
        "requests", "errors", "tokens_in", "tokens_out", "tokens_cached", "cost_nanousd", "unpriced_requests",
    ]

    /// A group's row already stored gets the new totals added to it.
    static let upsert = """
         ON CONFLICT (hour_start, organization_id, project_id, environment_id, api_key_id, model_requested, provider) DO UPDATE SET
            requests = usage_hourly.requests + excluded.requests,
            errors = usage_hourly.errors + excluded.errors,
            tokens_in = usage_hourly.tokens_in + excluded.tokens_in,
            tokens_out = usage_hourly.tokens_out + excluded.tokens_out,
            tokens_cached = usage_hourly.tokens_cached + excluded.tokens_cached,
            cost_nanousd = CASE WHEN excluded.cost_nanousd IS NULL THEN usage_hourly.cost_nanousd
                                ELSE COALESCE(usage_hourly.cost_nanousd, 0) + excluded.cost_nanousd END,
            unpriced_requests = usage_hourly.unpriced_requests + excluded.unpriced_requests
        """

    static func bind<B: TraceRowSink>(_ group: Group, _ totals: Totals, into binds: inout B) {
        binds.bind(group.hour)
        binds.bind(group.organization)
        binds.bind(group.project)
        binds.bind(group.environment)
        binds.bind(group.key)
        binds.bind(group.model)
        binds.bind(group.provider)
        binds.bind(totals.requests)
        binds.bind(totals.errors)
        binds.bind(totals.tokensIn)
        binds.bind(totals.tokensOut)
        binds.bind(totals.tokensCached)
        binds.bind(totals.cost)
        binds.bind(totals.unpriced)
    }

    /// One row of `usage_hourly`: the UTC hour of `started_at` (as migration 0004 bucketed the traces
    /// before it) and who, what, where.
    struct Group: Hashable {
        var hour: Date
        var organization, project, environment, key, model, provider: String

        init(_ trace: TraceRecord) {
            hour = UsageRollup.floorHour(trace.startedAt)
            (organization, project, environment, key) = (trace.organizationID, trace.projectID, trace.environmentID, trace.apiKeyID)
            (model, provider) = (trace.modelRequested, trace.provider ?? "")
        }
    }

    /// Its sums. `cost` is null while every trace in it is unpriced, as SQL's sum() is.
    struct Totals {
        var requests = 0, errors = 0, tokensIn = 0, tokensOut = 0, tokensCached = 0, unpriced = 0
        var cost: Int64?

        mutating func add(_ trace: TraceRecord) {
            requests += 1
            if trace.status == .error { errors += 1 }
            tokensIn += trace.tokensIn
            tokensOut += trace.tokensOut
            tokensCached += trace.tokensCached
            if let nano = trace.costNanoUSD { cost = (cost ?? 0) + nano }
            if trace.costStatus == "unpriced" { unpriced += 1 }
        }
    }

    /// The start of the hour containing `date`, and of the next one (UTC hours).
    static func floorHour(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
    }

    static func ceilHour(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 3600).rounded(.up) * 3600)
    }
}
