import BrokleCore
import Foundation
import SQLKit

/// What scopes keep of their requests (`logging_policies`, `brokle logging`): set (merging the
/// fields given into the stored ones), read, list, remove, and every one at once for the gateway.
/// Each write is one transaction. Organizations, projects and environments only: a key has no
/// logging policy of its own.
package struct LoggingPolicyStore: ScopedPolicyStore {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    package static let table = "logging_policies"
    package static let noun = "logging policy"
    package static let command = "brokle logging"
    package static let removeAction = AuditAction.loggingRemove

    package static func auditState(_ entry: Entry) -> JSONValue { AuditState.of(entry.policy, scope: entry.scope.kind) }

    /// A scope's policy with the path of its scope.
    package struct Entry: Sendable, Equatable {
        package var scope: LimitScope
        package var organizationID: String
        package var policy: LoggingPolicy
        package var createdAt: Date
        package var updatedAt: Date
        package var path: ScopePath
    }

    package static let select: SQLQueryString = """
        SELECT \(ScopeColumns.columns), x.content, x.trace_retention_seconds, x.content_retention_seconds, x.created_at, x.updated_at
        FROM logging_policies x \(ScopeColumns.joins)
        """

    package static func decode(_ row: any SQLRow) throws -> Entry {
        let scope = try ScopeColumns.scope(row)
        return Entry(
            scope: scope, organizationID: try row.decode(column: "organization_id", as: String.self),
            policy: try policy(row, of: scope),
            createdAt: try row.decode(column: "created_at", as: Date.self), updatedAt: try row.decode(column: "updated_at", as: Date.self),
            path: try ScopeColumns.path(row))
    }

    static func policy(_ row: any SQLRow, of scope: LimitScope) throws -> LoggingPolicy {
        var policy = LoggingPolicy(
            traceRetentionSeconds: try row.decode(column: "trace_retention_seconds", as: Int?.self),
            contentRetentionSeconds: try row.decode(column: "content_retention_seconds", as: Int?.self))
        if let text = try row.decode(column: "content", as: String?.self) {
            guard let content = ContentCapture(rawValue: text) else {
                throw BrokleError(.database, "unknown content capture '\(text)' on \(scope.kind.rawValue) \(scope.id) in the database")
            }
            policy.content = content
        }
        return policy
    }

    /// Merges `change` into the policy on `target` (creating it): the fields it sets replace the
    /// stored ones, the others are kept. Retention is an organization's alone. Returns the result.
    package func set(_ target: ScopeTarget, _ change: LoggingPolicy, by actor: AuditActor) async throws(BrokleError) -> Entry {
        guard !change.isEmpty else {
            throw BrokleError(.usage, "nothing to set: give --content, --trace-retention and/or --content-retention")
        }
        guard target.scope.kind != .key else {
            throw BrokleError(.usage, "a key has no logging policy", hint: "set it on the key's environment: --env ORG/PROJECT/ENV")
        }
        if target.scope.kind != .organization, change.traceRetentionSeconds != nil || change.contentRetentionSeconds != nil {
            throw BrokleError(
                .usage, "retention is set on an organization, not on a \(target.scope.kind.rawValue)",
                hint: "use --org \(target.path.org ?? "ORG") with --trace-retention or --content-retention")
        }
        let name = "\(target.scope.kind.rawValue) '\(target.path.text)'"
        let entry = try await database.write("set the logging policy on \(name)") { [dialect = database.dialect] sql in
            let now = Date()
            let lock: SQLQueryString = dialect == .postgres ? "FOR UPDATE OF x" : ""
            let before = try await sql.raw("\(Self.select) WHERE \(ScopeColumns.matching(target.scope)) \(lock)").first().map(Self.decode)
            // One statement: a new row takes the change, an existing one keeps what it does not set,
            // so two concurrent changes of different fields both land.
            try await sql.raw(
                """
                INSERT INTO logging_policies (scope_kind, scope_id, organization_id, content, trace_retention_seconds,
                                              content_retention_seconds, created_at, updated_at)
                VALUES (\(bind: target.scope.kind.rawValue), \(bind: target.scope.id), \(bind: target.organizationID),
                        \(bind: change.content?.rawValue), \(bind: change.traceRetentionSeconds), \(bind: change.contentRetentionSeconds),
                        \(bind: now), \(bind: now))
                ON CONFLICT (scope_kind, scope_id) DO UPDATE SET
                    content = COALESCE(excluded.content, logging_policies.content),
                    trace_retention_seconds = COALESCE(excluded.trace_retention_seconds, logging_policies.trace_retention_seconds),
                    content_retention_seconds = COALESCE(excluded.content_retention_seconds, logging_policies.content_retention_seconds),
                    updated_at = excluded.updated_at
                """
            ).run()
            let after = try await Self.find(target.scope, on: sql)
            if let after, before?.policy != after.policy {
                try await AuditStore.record(
                    AuditEvent(
                        .loggingSet, by: actor, organizationID: target.organizationID, target: target.path.text,
                        before: before.map(Self.auditState), after: Self.auditState(after), at: now),
                    on: sql)
            }
            return after
        }
        guard let entry else { throw BrokleError(.internalError, "the logging policy vanished after it was set") }
        return entry
    }

    /// Every scope's policy, as the gateway applies them (read every `BROKLE_GUARDRAILS_REFRESH`).
    package func loadAll(timeout: Duration? = nil) async throws(BrokleError) -> [LimitScope: LoggingPolicy] {
        try await database.call("read logging policies", timeout: timeout) {
            var policies: [LimitScope: LoggingPolicy] = [:]
            let rows = try await database.sql.raw(
                "SELECT x.scope_kind, x.scope_id, x.content, x.trace_retention_seconds, x.content_retention_seconds FROM logging_policies x"
            ).all()
            for row in rows {
                let scope = try ScopeColumns.scope(row)
                policies[scope] = try Self.policy(row, of: scope)
            }
            return policies
        }
    }
}
