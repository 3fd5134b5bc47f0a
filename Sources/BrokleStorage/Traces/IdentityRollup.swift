import BrokleCore
import Foundation

/// `usage_identity_hourly` and `usage_identity_daily` (migration 0017): per hour and per UTC day and
/// tenant (as `trace_names` numbers), the totals of each end user (kind 1) and of each tag (kind 2),
/// `''` standing for none. Every trace counts once among the users and once per tag (once under `''`
/// without tags), so a report grouped by end user or by tag reads these rows instead of its range's
/// traces. No key, model or provider: a report that needs those with an identity reads the traces.
enum IdentityRollup {
    enum Kind: Int, Sendable {
        case user = 1
        case tag = 2
    }

    /// One of the two tables: its name, its bucket's column and length.
    struct Table: Sendable, Equatable {
        var name: String
        var bucketColumn: String
        var seconds: Double

        static let hourly = Table(name: "usage_identity_hourly", bucketColumn: "hour_start", seconds: 3600)
        static let daily = Table(name: "usage_identity_daily", bucketColumn: "day_start", seconds: 86_400)
        static let all = [hourly, daily]

        var keyColumns: [String] { ["kind", bucketColumn, "org", "project", "environment", "value"] }
        var columns: [String] { keyColumns + UsageRollup.totalColumns }
        var upsert: String { UsageRollup.upsert(table: name, key: keyColumns) }
    }

    struct Group: BucketedGroup {
        var kind: Kind
        var bucket: Date
        var organization, project, environment: Int
        /// The end user or the tag; `''` for none.
        var value: String
    }

    /// Adds `traces` to the hourly rows, and to the daily ones directly where the statements keep
    /// no mark (PostgreSQL) or for hours already rolled; then rolls the hours the batch finished
    /// (``IdentityDailyRoll``). `numbers` holds their names' `trace_names` numbers.
    static func add<S: TraceStatements>(_ traces: [TraceRecord], numbers: TraceNameRefs, on statements: S) async throws {
        let hours = totals(traces, numbers: numbers, per: .hourly)
        try await add(hours, to: .hourly, on: statements)
        let rolled = try await statements.dailyRolledThrough()
        let days = IdentityDailyRoll.batch(hours, of: traces, rolled: rolled, now: Date())
        try await add(days.direct, to: .daily, on: statements)
        if let rolled, let through = days.rollTo { try await statements.rollDaily(from: rolled, to: through) }
    }

    /// Adds `totals` to `table`'s rows (negative totals subtract).
    static func add<S: TraceStatements>(_ totals: [Group: UsageRollup.Totals], to table: Table, on statements: S) async throws {
        try await statements.inSlices(
            Array(totals), columns: table.columns.count, sql: { S.insert(into: table.name, table.columns, rows: $0) + table.upsert },
            bind: { row, binds in bind(row.key, row.value, into: &binds) }, run: statements.run)
    }

    /// `traces` summed by `table`'s bucket, tenant and end user, and by bucket, tenant and tag.
    static func totals(_ traces: [TraceRecord], numbers: TraceNameRefs, per table: Table) -> [Group: UsageRollup.Totals] {
        var groups: [Group: UsageRollup.Totals] = [:]
        for index in traces.indices {
            var totals = UsageRollup.Totals()
            totals.add(traces[index])
            let tenancy = (
                numbers[traces[index].organizationID] ?? 0, numbers[traces[index].projectID] ?? 0,
                numbers[traces[index].environmentID] ?? 0
            )
            forEachGroup(
                bucket: UsageRollup.floor(traces[index].startedAt, table.seconds), tenancy: tenancy, endUser: traces[index].endUser,
                tags: traces[index].tags ?? []
            ) { groups[$0, default: UsageRollup.Totals()].add(totals) }
        }
        return groups
    }

    /// The rows a trace counts in: its end user's (or none's), and each of its tags' (or none's).
    static func forEachGroup(
        bucket: Date, tenancy: (Int, Int, Int), endUser: String?, tags: [String], _ body: (Group) -> Void
    ) {
        var group = Group(
            kind: .user, bucket: bucket, organization: tenancy.0, project: tenancy.1, environment: tenancy.2, value: endUser ?? "")
        body(group)
        group.kind = .tag
        guard !tags.isEmpty else {
            group.value = ""
            return body(group)
        }
        for (index, tag) in tags.enumerated() where !tags[..<index].contains(tag) {
            group.value = tag
            body(group)
        }
    }

    static func bind<B: TraceRowSink>(_ group: Group, _ totals: UsageRollup.Totals, into binds: inout B) {
        binds.bind(group.kind.rawValue)
        binds.bind(group.bucket)
        binds.bind(group.organization)
        binds.bind(group.project)
        binds.bind(group.environment)
        binds.bind(group.value)
        totals.bind(into: &binds)
    }
}
