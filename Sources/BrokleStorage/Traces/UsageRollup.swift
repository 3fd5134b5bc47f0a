import BrokleCore
import Foundation

/// The rollups: totals by tenant, key, model and provider per hour (`usage_hourly`) and per minute
/// (`usage_minutely`), per hour and day by end user and by tag (``IdentityRollup``), and the cache's
/// figures (``CacheRollup``), added to in the same
/// transaction as the traces they summarise (migrations 0004 and 0017 backfilled what existed before).
enum UsageRollup {
    /// One rollup table by tenant, key, model and provider: its name, its bucket's column and length,
    /// and whether it holds those as their `trace_names` numbers (migration 0017) or as text.
    struct Table: Sendable {
        var name: String
        var bucketColumn: String
        var seconds: Double
        var numbered = true

        /// Kept for good: cost reports stay true for pruned hours.
        static let hourly = Table(name: "usage_hourly", bucketColumn: "hour_start", seconds: 3600, numbered: false)
        /// Pruned with the traces: it only serves the minutes at a report's edges.
        static let minutely = Table(name: "usage_minutely", bucketColumn: "minute_start", seconds: 60)

        var keyColumns: [String] { numbered ? UsageRollup.numberedKeyColumns : UsageRollup.keyColumns }
        var columns: [String] { [bucketColumn] + keyColumns + UsageRollup.totalColumns }

        /// A group's row already stored gets the new totals added to it.
        var upsert: String {
            UsageRollup.upsert(table: name, key: [bucketColumn] + keyColumns)
        }

        /// `INSERT … ON CONFLICT … DO UPDATE` for `rows` groups, in the writer's placeholders.
        func insert<S: TraceStatements>(rows: Int, for _: S.Type) -> String {
            S.insert(into: name, columns, rows: rows) + upsert
        }
    }

    static let keyColumns = ["organization_id", "project_id", "environment_id", "api_key_id", "model_requested", "provider"]
    static let numberedKeyColumns = ["org", "project", "environment", "api_key", "model_requested", "provider"]
    static let totalColumns = ["requests", "errors", "tokens_in", "tokens_out", "tokens_cached", "cost_nanousd", "unpriced_requests"]

    /// Adds `traces` (just inserted; `numbers` holds each of their names' `trace_names` number) to
    /// every rollup: summed here, one row per bucket and group, so the database does not read the
    /// traces back.
    static func add<S: TraceStatements>(_ traces: [TraceRecord], numbers: TraceNameRefs, on statements: S) async throws {
        let minutes = totals(traces, per: .minutely)
        for (table, groups) in [(Table.hourly, coarsened(minutes, to: Table.hourly.seconds)), (Table.minutely, minutes)] {
            let columns = table.columns.count
            try await statements.inSlices(
                Array(groups), columns: columns, sql: { table.insert(rows: $0, for: S.self) },
                bind: { row, binds in bind(row.key, row.value, numbers: table.numbered ? numbers : nil, into: &binds) },
                run: statements.run)
        }
        try await IdentityRollup.add(traces, numbers: numbers, on: statements)
        try await CacheRollup.add(traces, numbers: numbers, on: statements)
    }

    /// `traces` summed by `table`'s bucket and tenant, key, model and provider.
    static func totals(_ traces: [TraceRecord], per table: Table) -> [Group: Totals] {
        var groups: [Group: Totals] = [:]
        for index in traces.indices {
            groups[Group(traces[index], seconds: table.seconds), default: Totals()].add(traces[index])
        }
        return groups
    }

    /// Finer groups of any rollup summed into buckets of `seconds`: a batch's traces are summed once,
    /// at the finest bucket, and the longer ones from those sums.
    static func coarsened<G: BucketedGroup, S: RollupSums>(_ groups: [G: S], to seconds: Double) -> [G: S] {
        var coarse: [G: S] = [:]
        for (group, sums) in groups {
            var group = group
            group.bucket = floor(group.bucket, seconds)
            coarse[group, default: S()].add(sums)
        }
        return coarse
    }

    /// `ON CONFLICT (key) DO UPDATE`: the totals added to the stored row's (negative ones subtract).
    static func upsert(table: String, key: [String]) -> String {
        """
         ON CONFLICT (\(key.joined(separator: ", "))) DO UPDATE SET
            requests = \(table).requests + excluded.requests,
            errors = \(table).errors + excluded.errors,
            tokens_in = \(table).tokens_in + excluded.tokens_in,
            tokens_out = \(table).tokens_out + excluded.tokens_out,
            tokens_cached = \(table).tokens_cached + excluded.tokens_cached,
            cost_nanousd = CASE WHEN excluded.cost_nanousd IS NULL THEN \(table).cost_nanousd
                                ELSE COALESCE(\(table).cost_nanousd, 0) + excluded.cost_nanousd END,
            unpriced_requests = \(table).unpriced_requests + excluded.unpriced_requests
        """
    }

    /// A group's row; with `numbers`, its names as their `trace_names` numbers (no provider: 0).
    static func bind<B: TraceRowSink>(_ group: Group, _ totals: Totals, numbers: TraceNameRefs?, into binds: inout B) {
        binds.bind(group.bucket)
        if let numbers {
            for name in [group.organization, group.project, group.environment, group.key, group.model] { binds.bind(numbers[name] ?? 0) }
            binds.bind(group.provider.isEmpty ? 0 : numbers[group.provider] ?? 0)
        } else {
            for name in [group.organization, group.project, group.environment, group.key, group.model, group.provider] { binds.bind(name) }
        }
        totals.bind(into: &binds)
    }

    /// One row of a rollup: the UTC bucket of `started_at` (as the migrations bucketed the traces
    /// before them) and who, what, where.
    struct Group: BucketedGroup {
        var bucket: Date
        var organization, project, environment, key, model, provider: String

        init(_ trace: TraceRecord, seconds: Double) {
            bucket = UsageRollup.floor(trace.startedAt, seconds)
            (organization, project, environment, key) = (trace.organizationID, trace.projectID, trace.environmentID, trace.apiKeyID)
            (model, provider) = (trace.modelRequested, trace.provider ?? "")
        }
    }

    /// Its sums. `cost` is null while every trace in it is unpriced, as SQL's sum() is.
    struct Totals: RollupSums {
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

        /// `other`'s figures added to these (a null cost adds nothing).
        mutating func add(_ other: Totals) {
            requests += other.requests
            errors += other.errors
            tokensIn += other.tokensIn
            tokensOut += other.tokensOut
            tokensCached += other.tokensCached
            unpriced += other.unpriced
            if let cost = other.cost { self.cost = (self.cost ?? 0) + cost }
        }

        /// The same totals taken away (what an erasure moves from an end user's row to the row of none).
        var negated: Totals {
            Totals(
                requests: -requests, errors: -errors, tokensIn: -tokensIn, tokensOut: -tokensOut, tokensCached: -tokensCached,
                unpriced: -unpriced, cost: cost.map { -$0 })
        }

        func bind<B: TraceRowSink>(into binds: inout B) {
            binds.bind(requests)
            binds.bind(errors)
            binds.bind(tokensIn)
            binds.bind(tokensOut)
            binds.bind(tokensCached)
            binds.bind(cost)
            binds.bind(unpriced)
        }
    }

    /// The start of the bucket of `seconds` containing `date` (UTC), and of the next one.
    static func floor(_ date: Date, _ seconds: Double) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / seconds).rounded(.down) * seconds)
    }

    static func ceil(_ date: Date, _ seconds: Double) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / seconds).rounded(.up) * seconds)
    }

    static func floorHour(_ date: Date) -> Date { floor(date, 3600) }

    static func ceilHour(_ date: Date) -> Date { ceil(date, 3600) }
}

/// A rollup's group: who and what, in a time bucket.
protocol BucketedGroup: Hashable {
    var bucket: Date { get set }
}

/// A rollup's sums for one group, which add up.
protocol RollupSums {
    init()
    mutating func add(_ other: Self)
}
