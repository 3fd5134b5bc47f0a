import BrokleCore
import Foundation
import SQLKit

extension TraceErasure {
    /// Moves the figures of traces about to lose their end user and tags from those rows of
    /// `usage_identity_hourly` and `usage_identity_daily` to the rows of none (`''`), in the
    /// erasure's transaction: the totals stay true and the end user's id (a row emptied of requests
    /// is deleted) goes with their traces. Retention prunes these rows with the traces, so every row
    /// left sums stored traces only. On SQLite the daily rows hold only the hours before their mark
    /// (``IdentityDailyRoll``): a later hour's figures move there when it is rolled, already moved.
    static func moveIdentityRollups(of keys: [any Encodable & Sendable], on sql: any SQLDatabase, dialect: SQLDialectKind)
        async throws
    {
        let rolled = try await IdentityDailyRoll.mark(on: sql, dialect: dialect)
        let rows = try await sql.raw(
            """
            SELECT r.started_at, r.org, r.project, r.environment, r.end_user, r.tags, r.status, r.tokens_in, r.tokens_out,
                   r.tokens_cached, r.cost_nanousd, cs.name AS cost_status
            FROM trace_rows r LEFT JOIN trace_names cs ON cs.ref = r.cost_status
            WHERE r.id IN (\(binds: keys)) AND (r.end_user IS NOT NULL OR r.tags IS NOT NULL)
            """
        ).all()
        for table in IdentityRollup.Table.all {
            var moves: [IdentityRollup.Group: UsageRollup.Totals] = [:]
            for row in rows {
                var totals = UsageRollup.Totals(requests: 1)
                if try row.decode(column: "status", as: Int.self) == 1 { totals.errors = 1 }
                totals.tokensIn = try row.decode(column: "tokens_in", as: Int.self)
                totals.tokensOut = try row.decode(column: "tokens_out", as: Int.self)
                totals.tokensCached = try row.decode(column: "tokens_cached", as: Int.self)
                totals.cost = try row.decode(column: "cost_nanousd", as: Int64?.self)
                if try row.decode(column: "cost_status", as: String?.self) == "unpriced" { totals.unpriced = 1 }
                let started = try row.decode(column: "started_at", as: Date.self)
                if table == .daily, let rolled, UsageRollup.floorHour(started) >= rolled { continue }
                let bucket = UsageRollup.floor(started, table.seconds)
                let tenancy = (
                    try row.decode(column: "org", as: Int.self), try row.decode(column: "project", as: Int.self),
                    try row.decode(column: "environment", as: Int.self)
                )
                let endUser = try row.decode(column: "end_user", as: String?.self)
                let tags = try row.decode(column: "tags", as: String?.self).map(Self.tags) ?? []
                // Out of the rows it counts in now, into the rows of none it will count in.
                IdentityRollup.forEachGroup(bucket: bucket, tenancy: tenancy, endUser: endUser, tags: tags) { group in
                    moves[group, default: UsageRollup.Totals()].add(totals.negated)
                }
                IdentityRollup.forEachGroup(bucket: bucket, tenancy: tenancy, endUser: nil, tags: []) { group in
                    moves[group, default: UsageRollup.Totals()].add(totals)
                }
            }
            try await apply(moves, to: table, on: sql)
        }
    }

    private static func apply(
        _ moves: [IdentityRollup.Group: UsageRollup.Totals], to table: IdentityRollup.Table, on sql: any SQLDatabase
    ) async throws {
        let name = SQLQueryString("\(unsafeRaw: table.name)")
        let columns = SQLQueryString("\(unsafeRaw: table.columns.joined(separator: ", "))")
        let bucket = SQLQueryString("\(unsafeRaw: table.bucketColumn)")
        for (group, totals) in moves where totals.requests != 0 {
            try await sql.raw(
                """
                INSERT INTO \(name) (\(columns)) VALUES (\(bind: group.kind.rawValue), \(bind: group.bucket), \
                \(bind: group.organization), \(bind: group.project), \(bind: group.environment), \(bind: group.value), \
                \(bind: totals.requests), \(bind: totals.errors), \(bind: totals.tokensIn), \(bind: totals.tokensOut), \
                \(bind: totals.tokensCached), \(bind: totals.cost), \(bind: totals.unpriced))
                """ + SQLQueryString("\(unsafeRaw: table.upsert)")
            ).run()
            guard totals.requests < 0 else { continue }
            try await sql.raw(
                """
                DELETE FROM \(name) WHERE kind = \(bind: group.kind.rawValue) AND \(bucket) = \(bind: group.bucket)
                AND org = \(bind: group.organization) AND project = \(bind: group.project)
                AND environment = \(bind: group.environment) AND value = \(bind: group.value) AND requests <= 0
                """
            ).run()
        }
    }

    /// A trace's tags column (a JSON array of strings) as its tags.
    private static func tags(_ json: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }
}

extension UsageRollup.Totals {
    init(requests: Int) {
        self.init()
        self.requests = requests
    }
}
