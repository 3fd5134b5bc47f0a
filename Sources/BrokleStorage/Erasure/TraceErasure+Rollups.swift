import BrokleCore
import Foundation
import SQLKit

extension TraceErasure {
    /// Moves the figures of traces about to lose their end user and tags from those rows of
    /// `usage_identity_hourly` to the rows of none (`''`), in the erasure's transaction: the totals
    /// stay true and the end user's id (a row emptied of requests is deleted) goes with their traces.
    /// Retention prunes these rows with the traces, so every row left sums stored traces only.
    static func moveIdentityRollups(of keys: [any Encodable & Sendable], on sql: any SQLDatabase) async throws {
        let rows = try await sql.raw(
            """
            SELECT started_at, organization_id, project_id, environment_id, end_user, tags, status, tokens_in, tokens_out,
                   tokens_cached, cost_nanousd, cost_status
            FROM traces WHERE id_key IN (\(binds: keys)) AND (end_user IS NOT NULL OR tags IS NOT NULL)
            """
        ).all()
        var moves: [IdentityRollup.Group: UsageRollup.Totals] = [:]
        for row in rows {
            var totals = UsageRollup.Totals(requests: 1)
            if try row.decode(column: "status", as: String.self) == "error" { totals.errors = 1 }
            totals.tokensIn = try row.decode(column: "tokens_in", as: Int.self)
            totals.tokensOut = try row.decode(column: "tokens_out", as: Int.self)
            totals.tokensCached = try row.decode(column: "tokens_cached", as: Int.self)
            totals.cost = try row.decode(column: "cost_nanousd", as: Int64?.self)
            if try row.decode(column: "cost_status", as: String?.self) == "unpriced" { totals.unpriced = 1 }
            var group = IdentityRollup.Group(
                kind: .user, hour: UsageRollup.floorHour(try row.decode(column: "started_at", as: Date.self)),
                organization: try row.decode(column: "organization_id", as: String.self),
                project: try row.decode(column: "project_id", as: String.self),
                environment: try row.decode(column: "environment_id", as: String.self), value: "")
            func move(from value: String) {
                var from = group
                from.value = value
                moves[from, default: UsageRollup.Totals()].add(totals.negated)
            }
            if let user = try row.decode(column: "end_user", as: String?.self) {
                move(from: user)
                moves[group, default: UsageRollup.Totals()].add(totals)
            }
            group.kind = .tag
            let tags = try row.decode(column: "tags", as: String?.self).map(Self.tags) ?? []
            if !tags.isEmpty {
                for tag in Set(tags) { move(from: tag) }
                moves[group, default: UsageRollup.Totals()].add(totals)
            }
        }
        let columns = SQLQueryString("\(unsafeRaw: IdentityRollup.columns.joined(separator: ", "))")
        for (group, totals) in moves where totals.requests != 0 {
            try await sql.raw(
                """
                INSERT INTO usage_identity_hourly (\(columns)) VALUES (\(bind: group.kind.rawValue), \(bind: group.hour), \
                \(bind: group.organization), \(bind: group.project), \(bind: group.environment), \(bind: group.value), \
                \(bind: totals.requests), \(bind: totals.errors), \(bind: totals.tokensIn), \(bind: totals.tokensOut), \
                \(bind: totals.tokensCached), \(bind: totals.cost), \(bind: totals.unpriced))
                """ + SQLQueryString("\(unsafeRaw: IdentityRollup.upsert)")
            ).run()
            guard totals.requests < 0 else { continue }
            try await sql.raw(
                """
                DELETE FROM usage_identity_hourly WHERE kind = \(bind: group.kind.rawValue) AND hour_start = \(bind: group.hour)
                AND organization_id = \(bind: group.organization) AND project_id = \(bind: group.project)
                AND environment_id = \(bind: group.environment) AND value = \(bind: group.value) AND requests <= 0
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

    /// `other`'s figures added to these (a null cost adds nothing).
    mutating func add(_ other: UsageRollup.Totals) {
        requests += other.requests
        errors += other.errors
        tokensIn += other.tokensIn
        tokensOut += other.tokensOut
        tokensCached += other.tokensCached
        unpriced += other.unpriced
        if let cost = other.cost { self.cost = (self.cost ?? 0) + cost }
    }
}
