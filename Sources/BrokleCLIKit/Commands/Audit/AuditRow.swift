import BrokleCore
import BrokleStorage
import Foundation

/// One audit row as `brokle audit query` prints it; `org` is the organization's slug while it exists.
struct AuditRow: OutputRow {
    static let columns = ["occurred_at", "actor", "origin", "action", "target", "id"]

    var id: String
    var occurredAt: Date
    var actor: String
    var origin: String
    var action: String
    @Nullable var org: String?
    @Nullable var organizationId: String?
    var target: String
    @Nullable var before: JSONValue?
    @Nullable var after: JSONValue?

    enum CodingKeys: String, CodingKey {
        case id, occurredAt = "occurred_at", actor, origin, action, org, organizationId = "organization_id", target, before, after
    }

    init(_ entry: AuditEntry) {
        let event = entry.event
        id = event.id
        occurredAt = event.occurredAt
        actor = event.actor
        origin = event.origin
        action = event.action
        org = entry.orgSlug
        organizationId = event.organizationID
        target = event.target
        before = event.before
        after = event.after
    }
}
