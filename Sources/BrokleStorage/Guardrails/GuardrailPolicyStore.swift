import BrokleCore
import Foundation
import SQLKit

/// Guardrail policies on scopes (`guardrail_policies`, the policy as JSON): set (merged into the
/// stored one, or replacing it), read, list, remove, and every one at once for the gateway. Each
/// write is one transaction.
package struct GuardrailPolicyStore: ScopedPolicyStore {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    package static let table = "guardrail_policies"
    package static let noun = "guardrail policy"
    package static let command = "brokle guardrails"
    package static let removeAction = AuditAction.guardrailsRemove

    package static func auditState(_ entry: Entry) -> JSONValue { AuditState.of(entry.policy, scope: entry.scope.kind) }

    /// A scope's policy with the path of its scope.
    package struct Entry: Sendable, Equatable {
        package var scope: LimitScope
        package var organizationID: String
        package var policy: GuardrailPolicy
        package var createdAt: Date
        package var updatedAt: Date
        package var path: ScopePath
    }

    package static let select: SQLQueryString = """
        SELECT \(ScopeColumns.columns), x.policy, x.created_at, x.updated_at
        FROM guardrail_policies x \(ScopeColumns.joins)
        """

    package static func decode(_ row: any SQLRow) throws -> Entry {
        let scope = try ScopeColumns.scope(row)
        return Entry(
            scope: scope, organizationID: try row.decode(column: "organization_id", as: String.self),
            policy: try policy(try row.decode(column: "policy", as: String.self), of: scope),
            createdAt: try row.decode(column: "created_at", as: Date.self), updatedAt: try row.decode(column: "updated_at", as: Date.self),
            path: try ScopeColumns.path(row))
    }

    /// A stored policy; one the database holds but this binary cannot read is a database error.
    static func policy(_ json: String, of scope: LimitScope) throws(BrokleError) -> GuardrailPolicy {
        do {
            return try GuardrailPolicy(json: json)
        } catch {
            throw BrokleError(
                .database, "the guardrail policy of \(scope.kind.rawValue) \(scope.id) in the database cannot be read: \(error.message)",
                hint: "`brokle guardrails set --replace` writes a new one")
        }
    }

    /// Applies `change` to the policy on `target` (creating it): the entities it gives override the
    /// stored ones and the others are kept, `restore` and `deny` replace the stored ones when given.
    /// With `replace`, the policy becomes `change` alone. Returns the resulting policy.
    package func set(_ target: ScopeTarget, _ change: GuardrailPolicyChange, replace: Bool, by actor: AuditActor) async throws(BrokleError)
        -> Entry
    {
        guard !change.isEmpty else {
            throw BrokleError(.usage, "nothing to set: give input or output rules, restore, a deny-list or a whole policy")
        }
        do {
            try change.check()
        } catch {
            throw BrokleError(.usage, error.message)
        }
        let name = "\(target.scope.kind.rawValue) '\(target.path.text)'"
        let entry = try await database.write("set the guardrail policy on \(name)") { [dialect = database.dialect] sql in
            let now = Date()
            // The row exists (an empty policy if new) and is locked before it is read, so two
            // concurrent changes both land.
            let inserted = try await sql.raw(
                """
                INSERT INTO guardrail_policies (scope_kind, scope_id, organization_id, policy, created_at, updated_at)
                VALUES (\(bind: target.scope.kind.rawValue), \(bind: target.scope.id), \(bind: target.organizationID),
                        \(bind: GuardrailPolicy().json), \(bind: now), \(bind: now))
                ON CONFLICT (scope_kind, scope_id) DO NOTHING RETURNING scope_id
                """
            ).all()
            let lock: SQLQueryString = dialect == .postgres ? "FOR UPDATE OF x" : ""
            let stored = try await sql.raw("\(Self.select) WHERE \(ScopeColumns.matching(target.scope)) \(lock)").first().map(Self.decode)
            let policy = change.applied(to: replace ? nil : stored?.policy)
            try await sql.raw(
                """
                UPDATE guardrail_policies SET policy = \(bind: policy.json), updated_at = \(bind: now)
                WHERE scope_kind = \(bind: target.scope.kind.rawValue) AND scope_id = \(bind: target.scope.id)
                """
            ).run()
            let after = try await Self.find(target.scope, on: sql)
            let before = inserted.isEmpty ? stored : nil
            if let after, before?.policy != after.policy {
                try await AuditStore.record(
                    AuditEvent(
                        .guardrailsSet, by: actor, organizationID: target.organizationID, target: target.path.text,
                        before: before.map(Self.auditState), after: Self.auditState(after), at: now),
                    on: sql)
            }
            return after
        }
        guard let entry else { throw BrokleError(.internalError, "the guardrail policy vanished after it was set") }
        return entry
    }

    /// Sets `policy` on `target`: every part of it replaces the stored one; with `replace`, entities
    /// the stored policy names and `policy` does not are dropped too.
    package func set(_ target: ScopeTarget, _ policy: GuardrailPolicy, replace: Bool, by actor: AuditActor) async throws(BrokleError)
        -> Entry
    {
        try await set(target, GuardrailPolicyChange(policy), replace: replace, by: actor)
    }

    /// Every scope's policy, as the gateway applies them (read every `BROKLE_GUARDRAILS_REFRESH`).
    package func loadAll(timeout: Duration? = nil) async throws(BrokleError) -> [LimitScope: GuardrailPolicy] {
        try await database.call("read guardrail policies", timeout: timeout) {
            var policies: [LimitScope: GuardrailPolicy] = [:]
            for row in try await database.sql.raw("SELECT x.scope_kind, x.scope_id, x.policy FROM guardrail_policies x").all() {
                let scope = try ScopeColumns.scope(row)
                policies[scope] = try Self.policy(try row.decode(column: "policy", as: String.self), of: scope)
            }
            return policies
        }
    }
}
