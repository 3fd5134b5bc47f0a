import BrokleCore
import Foundation
import SQLKit

/// Rate and concurrency limits on scopes (`limits`): set (only the kinds given change), read,
/// list, remove (every kind or some). Each write is one transaction.
package struct LimitStore: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    /// A scope's limits with the path of its scope.
    package struct Entry: Sendable, Equatable {
        package var limit: ScopeLimit
        package var path: ScopePath
    }

    static let select: SQLQueryString = """
        SELECT \(ScopeColumns.columns), x.rpm, x.tpm, x.concurrency, x.created_at, x.updated_at
        FROM limits x \(ScopeColumns.joins)
        """

    static func decode(_ row: any SQLRow) throws -> Entry {
        let limits = RateLimits(
            rpm: try row.decode(column: "rpm", as: Int?.self), tpm: try row.decode(column: "tpm", as: Int?.self),
            concurrency: try row.decode(column: "concurrency", as: Int?.self))
        let limit = ScopeLimit(
            scope: try ScopeColumns.scope(row), organizationID: try row.decode(column: "organization_id", as: String.self),
            limits: limits, createdAt: try row.decode(column: "created_at", as: Date.self),
            updatedAt: try row.decode(column: "updated_at", as: Date.self))
        return Entry(limit: limit, path: try ScopeColumns.path(row))
    }

    /// Sets the kinds `limits` gives on `target` (creating its row); the other kinds keep their value.
    package func set(_ target: ScopeTarget, _ limits: RateLimits, by actor: AuditActor) async throws(BrokleError) -> Entry {
        guard !limits.isEmpty else { throw BrokleError(.usage, "no limit to set: pass --rpm, --tpm and/or --concurrency") }
        let entry = try await database.write("set limits on \(target.scope.kind.rawValue) '\(target.path.text)'") {
            [dialect = database.dialect] sql in
            let lock: SQLQueryString = dialect == .postgres ? "FOR UPDATE OF x" : ""
            let before = try await sql.raw("\(Self.select) WHERE \(ScopeColumns.matching(target.scope)) \(lock)").first().map(Self.decode)
            let now = Date()
            try await Self.upsert(target, limits, at: now, on: sql)
            let after = try await Self.find(target.scope, on: sql)
            // The same limits again change nothing, and record nothing.
            if before?.limit.limits != after?.limit.limits {
                try await AuditStore.record(
                    AuditEvent(
                        .limitSet, by: actor, organizationID: target.organizationID, target: target.path.text,
                        before: before.map { AuditState.of($0.limit.limits, scope: target.scope.kind) },
                        after: after.map { AuditState.of($0.limit.limits, scope: target.scope.kind) }, at: now),
                    on: sql)
            }
            return after
        }
        guard let entry else { throw BrokleError(.internalError, "limits vanished after they were set") }
        return entry
    }

    /// One statement: insert the row, or change only the kinds `limits` gives.
    static func upsert(_ target: ScopeTarget, _ limits: RateLimits, at now: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO limits (scope_kind, scope_id, organization_id, rpm, tpm, concurrency, created_at, updated_at)
            VALUES (\(bind: target.scope.kind.rawValue), \(bind: target.scope.id), \(bind: target.organizationID),
                    \(bind: limits.rpm), \(bind: limits.tpm), \(bind: limits.concurrency), \(bind: now), \(bind: now))
            ON CONFLICT (scope_kind, scope_id) DO UPDATE SET
                rpm = COALESCE(excluded.rpm, limits.rpm), tpm = COALESCE(excluded.tpm, limits.tpm),
                concurrency = COALESCE(excluded.concurrency, limits.concurrency), updated_at = excluded.updated_at
            """
        ).run()
    }

    /// The limits on `scope`, if any.
    package func get(_ scope: LimitScope) async throws(BrokleError) -> Entry? {
        try await database.call("read limits") { try await Self.find(scope, on: database.sql) }
    }

    /// Every scope's limits, or those of one organization (by id).
    package func list(organizationID: String? = nil) async throws(BrokleError) -> [Entry] {
        try await database.call("list limits") {
            let filter: SQLQueryString = organizationID.map { "WHERE x.organization_id = \(bind: $0)" } ?? ""
            return try await database.sql.raw("\(Self.select) \(filter) ORDER BY \(ScopeColumns.order)").all().map(Self.decode)
        }
    }

    /// Removes `kinds` (nil: every kind, the whole row) from `target`, deleting the row once no kind
    /// is left. Returns what was removed; `not_found` when none of those kinds was set.
    package func remove(_ target: ScopeTarget, kinds: Set<RateLimits.Kind>? = nil, by actor: AuditActor) async throws(BrokleError) -> Entry
    {
        let name = "\(target.scope.kind.rawValue) '\(target.path.text)'"
        return try await database.write("remove limits from \(name)") { [dialect = database.dialect] sql in
            if dialect == .postgres {
                try await sql.raw("SELECT 1 AS n FROM limits x WHERE \(ScopeColumns.matching(target.scope)) FOR UPDATE").run()
            }
            let wanted = kinds ?? Set(RateLimits.Kind.allCases)
            guard var entry = try await Self.find(target.scope, on: sql), !entry.limit.limits.only(wanted).isEmpty else {
                let what = kinds.map { $0.map(\.rawValue).sorted().joined(separator: ", ") + " limit" } ?? "limits"
                throw BrokleError(
                    .notFound, "\(name) has no \(what) to remove", hint: "`brokle limits show` and `brokle limits list` show what is set")
            }
            let before = entry.limit.limits
            let kept = entry.limit.limits.only(Set(RateLimits.Kind.allCases).subtracting(wanted))
            if kept.isEmpty {
                try await sql.raw(
                    "DELETE FROM limits WHERE scope_kind = \(bind: target.scope.kind.rawValue) AND scope_id = \(bind: target.scope.id)"
                )
                .run()
            } else {
                let cleared = wanted.sorted { $0.rawValue < $1.rawValue }.map { kind -> SQLQueryString in "\(ident: kind.rawValue) = NULL" }
                try await sql.raw(
                    """
                    UPDATE limits SET \(cleared.joined(separator: ", ")), updated_at = \(bind: Date())
                    WHERE scope_kind = \(bind: target.scope.kind.rawValue) AND scope_id = \(bind: target.scope.id)
                    """
                ).run()
            }
            try await AuditStore.record(
                AuditEvent(
                    .limitRemove, by: actor, organizationID: target.organizationID, target: target.path.text,
                    before: AuditState.of(before, scope: target.scope.kind),
                    after: kept.isEmpty ? nil : AuditState.of(kept, scope: target.scope.kind)),
                on: sql)
            entry.limit.limits = entry.limit.limits.only(wanted)
            return entry
        }
    }

    static func find(_ scope: LimitScope, on sql: any SQLDatabase) async throws -> Entry? {
        try await sql.raw("\(select) WHERE \(ScopeColumns.matching(scope))").first().map(decode)
    }
}
