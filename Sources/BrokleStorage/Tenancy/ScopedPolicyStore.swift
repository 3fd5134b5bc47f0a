import BrokleCore
import SQLKit

/// A table of one policy per scope (`guardrail_policies`, `logging_policies`): what their stores
/// share — one scope's policy, a list in the order `limits list` uses, and removal.
package protocol ScopedPolicyStore: Sendable {
    associatedtype Entry: Sendable
    var database: Database { get }
    static var table: String { get }
    /// What a row is, in messages: `guardrail policy`, `logging policy`.
    static var noun: String { get }
    /// The command that manages them, in hints: `brokle guardrails`.
    static var command: String { get }
    /// Every column the entries need, the scope's slugs joined (``ScopeColumns``), the table as `x`.
    static var select: SQLQueryString { get }
    static func decode(_ row: any SQLRow) throws -> Entry
    /// The audit log's action for ``remove(_:by:)``.
    static var removeAction: AuditAction { get }
    /// An entry as the audit log's `before` / `after` (``AuditState``).
    static func auditState(_ entry: Entry) -> JSONValue
}

extension ScopedPolicyStore {
    /// The policy on `scope`, if any.
    package func get(_ scope: LimitScope) async throws(BrokleError) -> Entry? {
        try await database.call("read the \(Self.noun)") { try await Self.find(scope, on: database.sql) }
    }

    /// Every scope's policy, or those of one organization (by id), in the order `limits list` uses.
    package func list(organizationID: String? = nil) async throws(BrokleError) -> [Entry] {
        try await database.call("list \(Self.noun) rows") {
            let filter: SQLQueryString = organizationID.map { "WHERE x.organization_id = \(bind: $0)" } ?? ""
            return try await database.sql.raw("\(Self.select) \(filter) ORDER BY \(ScopeColumns.order)").all().map(Self.decode)
        }
    }

    /// Removes the policy on `target` and returns it; `not_found` when there is none.
    package func remove(_ target: ScopeTarget, by actor: AuditActor) async throws(BrokleError) -> Entry {
        let name = "\(target.scope.kind.rawValue) '\(target.path.text)'"
        return try await database.write("remove the \(Self.noun) from \(name)") { [dialect = database.dialect] sql in
            let lock: SQLQueryString = dialect == .postgres ? "FOR UPDATE OF x" : ""
            guard
                let entry = try await sql.raw("\(Self.select) WHERE \(ScopeColumns.matching(target.scope)) \(lock)").first().map(
                    Self.decode)
            else {
                throw BrokleError(
                    .notFound, "\(name) has no \(Self.noun) to remove",
                    hint: "`\(Self.command) show` and `\(Self.command) list` show what is set")
            }
            try await sql.raw(
                "DELETE FROM \(unsafeRaw: Self.table) WHERE scope_kind = \(bind: target.scope.kind.rawValue) AND scope_id = \(bind: target.scope.id)"
            ).run()
            try await AuditStore.record(
                AuditEvent(
                    Self.removeAction, by: actor, organizationID: target.organizationID, target: target.path.text,
                    before: Self.auditState(entry)),
                on: sql)
            return entry
        }
    }

    static func find(_ scope: LimitScope, on sql: any SQLDatabase) async throws -> Entry? {
        try await sql.raw("\(select) WHERE \(ScopeColumns.matching(scope))").first().map(decode)
    }
}
