import BrokleCore
import Foundation
import SQLKit

/// The audit log (`audit_log`): one row per change. Stores write theirs with ``record(_:on:)`` inside
/// the change's own transaction, so there is never a change without its row nor a row without its
/// change; ``query(_:limit:)`` reads it newest first.
package struct AuditStore: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    /// Writes `event` on `sql`, the transaction of the change it records.
    static func record(_ event: AuditEvent, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO audit_log (id, occurred_at, actor, origin, action, organization_id, target, before, after)
            VALUES (\(bind: event.id), \(bind: event.occurredAt), \(bind: event.actor), \(bind: event.origin), \(bind: event.action),
                    \(bind: event.organizationID), \(bind: event.target), \(bind: try json(event.before)), \(bind: try json(event.after)))
            """
        ).run()
    }

    /// Writes `event` in a transaction of its own: for changes made in many transactions (a purge
    /// works in batches), recorded once they are done.
    package func record(_ event: AuditEvent) async throws(BrokleError) {
        try await database.write("record the audit event \(event.action)") { sql in try await Self.record(event, on: sql) }
    }

    /// Rows matching `filter`, newest first, at most `limit`.
    package func query(_ filter: AuditFilter, limit: Int) async throws(BrokleError) -> [AuditEntry] {
        try await database.call("read the audit log") {
            let conditions = filter.conditions
            let whereClause: SQLQueryString = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try await database.sql.raw(
                """
                SELECT a.id, a.occurred_at, a.actor, a.origin, a.action, a.organization_id, o.slug AS org_slug, a.target, a.before, a.after
                FROM audit_log a LEFT JOIN organizations o ON o.id = a.organization_id
                \(whereClause) ORDER BY a.id DESC LIMIT \(bind: limit)
                """
            ).all().map(Self.decode)
        }
    }

    /// The id of organization `slug`: a live one, or else the last one of that slug the log saw
    /// (so the history of a deleted organization can still be read).
    package func organizationID(_ slug: String) async throws(BrokleError) -> String {
        let found = try await database.call("find organization '\(slug)'") {
            if let live = try await database.sql.raw("SELECT id FROM organizations WHERE slug = \(bind: slug)").first() {
                return try live.decode(column: "id", as: String?.self)
            }
            return try await database.sql.raw(
                """
                SELECT organization_id AS id FROM audit_log WHERE action LIKE 'organization.%' AND target = \(bind: slug)
                ORDER BY id DESC LIMIT 1
                """
            ).first()?.decode(column: "id", as: String?.self)
        }
        guard let found else { throw OrganizationStore.notFound(slug) }
        return found
    }

    static func decode(_ row: any SQLRow) throws -> AuditEntry {
        let event = AuditEvent(
            id: try row.decode(column: "id", as: String.self), occurredAt: try row.decode(column: "occurred_at", as: Date.self),
            actor: try row.decode(column: "actor", as: String.self), origin: try row.decode(column: "origin", as: String.self),
            action: try row.decode(column: "action", as: String.self),
            organizationID: try row.decode(column: "organization_id", as: String?.self),
            target: try row.decode(column: "target", as: String.self),
            before: try value(row.decode(column: "before", as: String?.self)),
            after: try value(row.decode(column: "after", as: String?.self)))
        return AuditEntry(event: event, orgSlug: try row.decode(column: "org_slug", as: String?.self))
    }

    static func json(_ value: JSONValue?) throws -> String? {
        guard let value else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func value(_ text: String?) throws -> JSONValue? {
        try text.map { try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }
    }
}

/// A row of the audit log with its organization's slug (nil once the organization is deleted).
package struct AuditEntry: Sendable, Equatable {
    package var event: AuditEvent
    package var orgSlug: String?
}
