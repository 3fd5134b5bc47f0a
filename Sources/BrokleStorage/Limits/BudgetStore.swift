import BrokleCore
import Foundation
import SQLKit

/// USD budgets on scopes (`budgets`), one per scope and calendar period, and how much of the
/// current period each has used (read from the shared counters and live leases the gateway keeps).
package struct BudgetStore: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    /// A budget with the path of its scope.
    package struct Entry: Sendable, Equatable {
        package var budget: Budget
        package var path: ScopePath
    }

    static let select: SQLQueryString = """
        SELECT \(ScopeColumns.columns), x.period, x.limit_nanousd, x.created_at, x.updated_at
        FROM budgets x \(ScopeColumns.joins)
        """

    static func decode(_ row: any SQLRow) throws -> Entry {
        let periodText = try row.decode(column: "period", as: String.self)
        guard let period = BudgetPeriod(rawValue: periodText) else {
            throw BrokleError(.database, "unknown budget period '\(periodText)' in the database")
        }
        let budget = Budget(
            scope: try ScopeColumns.scope(row), organizationID: try row.decode(column: "organization_id", as: String.self),
            period: period, limitNanoUSD: try row.decode(column: "limit_nanousd", as: Int64.self),
            createdAt: try row.decode(column: "created_at", as: Date.self), updatedAt: try row.decode(column: "updated_at", as: Date.self))
        return Entry(budget: budget, path: try ScopeColumns.path(row))
    }

    /// Sets `target`'s budget for `period` to `limitNanoUSD`. With `ifNotExists` an existing budget
    /// for that period is kept as it is (`created` false).
    package func set(
        _ target: ScopeTarget, period: BudgetPeriod, limitNanoUSD: Int64, ifNotExists: Bool, by actor: AuditActor
    ) async throws(BrokleError) -> (Entry, created: Bool) {
        let what = "set the \(period.rawValue) budget of \(target.scope.kind.rawValue) '\(target.path.text)'"
        let (entry, created) = try await database.write(what) { sql in
            let before = try await Self.find(target.scope, period: period, on: sql)
            let now = Date()
            try await Self.upsert(target, period: period, limitNanoUSD: limitNanoUSD, replace: !ifNotExists, at: now, on: sql)
            let after = try await Self.find(target.scope, period: period, on: sql)
            // --if-not-exists on an existing budget, or the same limit again: nothing changed.
            if before.map(\.budget.limitNanoUSD) != after.map(\.budget.limitNanoUSD) {
                try await AuditStore.record(
                    AuditEvent(
                        .budgetSet, by: actor, organizationID: target.organizationID, target: target.path.text,
                        before: before.isEmpty ? nil : AuditState.of(before.map(\.budget), scope: target.scope.kind),
                        after: AuditState.of(after.map(\.budget), scope: target.scope.kind), at: now),
                    on: sql)
            }
            return (after.first, before.isEmpty)
        }
        guard let entry else { throw BrokleError(.internalError, "budget vanished after it was set") }
        return (entry, created)
    }

    /// One statement: insert the budget, or (with `replace`) change the limit of the existing one.
    static func upsert(
        _ target: ScopeTarget, period: BudgetPeriod, limitNanoUSD: Int64, replace: Bool, at now: Date, on sql: any SQLDatabase
    ) async throws {
        let onConflict: SQLQueryString =
            replace
            ? "DO UPDATE SET limit_nanousd = excluded.limit_nanousd, updated_at = excluded.updated_at" : "DO NOTHING"
        try await sql.raw(
            """
            INSERT INTO budgets (scope_kind, scope_id, organization_id, period, limit_nanousd, created_at, updated_at)
            VALUES (\(bind: target.scope.kind.rawValue), \(bind: target.scope.id), \(bind: target.organizationID),
                    \(bind: period.rawValue), \(bind: limitNanoUSD), \(bind: now), \(bind: now))
            ON CONFLICT (scope_kind, scope_id, period) \(onConflict)
            """
        ).run()
    }

    /// The budgets of `scope`: every period, or one.
    package func get(_ scope: LimitScope, period: BudgetPeriod? = nil) async throws(BrokleError) -> [Entry] {
        try await database.call("read budgets") { try await Self.find(scope, period: period, on: database.sql) }
    }

    /// Every budget, or those of one organization (by id).
    package func list(organizationID: String? = nil) async throws(BrokleError) -> [Entry] {
        try await database.call("list budgets") {
            let filter: SQLQueryString = organizationID.map { "WHERE x.organization_id = \(bind: $0)" } ?? ""
            return try await database.sql.raw("\(Self.select) \(filter) ORDER BY \(ScopeColumns.order), \(Self.periodOrder)")
                .all().map(Self.decode)
        }
    }

    /// Removes `target`'s budgets (every period, or one) and returns them; `not_found` when there were none.
    package func remove(_ target: ScopeTarget, period: BudgetPeriod? = nil, by actor: AuditActor) async throws(BrokleError) -> [Entry] {
        let name = "\(target.scope.kind.rawValue) '\(target.path.text)'"
        return try await database.write("remove budgets from \(name)") { sql in
            let found = try await Self.find(target.scope, period: period, on: sql)
            let periodFilter: SQLQueryString = period.map { " AND period = \(bind: $0.rawValue)" } ?? ""
            let removed = try await sql.raw(
                """
                DELETE FROM budgets WHERE scope_kind = \(bind: target.scope.kind.rawValue) AND scope_id = \(bind: target.scope.id)\(periodFilter)
                RETURNING period
                """
            ).all().map { try $0.decode(column: "period", as: String.self) }
            let gone = found.filter { removed.contains($0.budget.period.rawValue) }
            guard !gone.isEmpty else {
                throw BrokleError(
                    .notFound, "\(name) has no \(period.map { $0.rawValue + " " } ?? "")budget to remove",
                    hint: "`brokle budgets list` shows the budgets")
            }
            try await AuditStore.record(
                AuditEvent(
                    .budgetRemove, by: actor, organizationID: target.organizationID, target: target.path.text,
                    before: AuditState.of(gone.map(\.budget), scope: target.scope.kind)),
                on: sql)
            return gone
        }
    }

    /// How much of the period containing `date` each budget has used: the level of its counter and
    /// the leases on it that have not expired. A counter without a row has taken nothing. A per-user
    /// budget has a counter per end user: its use is `endUser`'s, or nil when none is named.
    package func usage(of entries: [Entry], at date: Date = Date(), endUser: String? = nil) async throws(BrokleError) -> [BudgetUsage?] {
        try await database.call("read budget usage") {
            var usages: [BudgetUsage?] = []
            for entry in entries {
                if entry.budget.scope.kind == .endUser && endUser == nil {
                    usages.append(nil)
                    continue
                }
                let counter = entry.budget.counter(at: date, endUser: endUser).name
                let row = try await database.sql.raw(
                    """
                    SELECT CAST(COALESCE((SELECT level FROM limit_counters WHERE counter = \(bind: counter)), 0) AS BIGINT) AS level,
                           CAST(COALESCE((SELECT sum(amount) FROM limit_leases
                                          WHERE counter = \(bind: counter) AND expires_at > \(bind: date)), 0) AS BIGINT) AS reserved
                    """
                ).first()
                usages.append(
                    BudgetUsage(
                        budget: entry.budget, level: try row?.decode(column: "level", as: Int64.self) ?? 0,
                        reserved: try row?.decode(column: "reserved", as: Int64.self) ?? 0, at: date, endUser: endUser))
            }
            return usages
        }
    }

    static let periodOrder: SQLQueryString = "CASE x.period WHEN 'day' THEN 0 WHEN 'week' THEN 1 ELSE 2 END"

    static func find(_ scope: LimitScope, period: BudgetPeriod?, on sql: any SQLDatabase) async throws -> [Entry] {
        let periodFilter: SQLQueryString = period.map { " AND x.period = \(bind: $0.rawValue)" } ?? ""
        return try await sql.raw("\(select) WHERE \(ScopeColumns.matching(scope))\(periodFilter) ORDER BY \(periodOrder)").all().map(decode)
    }
}
