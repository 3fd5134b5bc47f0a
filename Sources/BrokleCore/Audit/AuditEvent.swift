import Foundation

/// One change, as the audit log keeps it: who (``AuditActor``), what (``AuditAction``), on what
/// (`target`, human-readable: `acme/web/production`, a key's public id), and the state before and
/// after. `before` and `after` are built from the values in ``AuditState``, which leave every secret
/// out: no key secret, no key hash, no provider key.
package struct AuditEvent: Sendable, Equatable {
    package var id: String
    package var occurredAt: Date
    package var actor: String
    package var origin: String
    package var action: String
    /// nil for changes outside any one organization (a purge across organizations, a prune).
    package var organizationID: String?
    package var target: String
    package var before: JSONValue?
    package var after: JSONValue?

    package init(
        id: String, occurredAt: Date, actor: String, origin: String, action: String, organizationID: String?, target: String,
        before: JSONValue?, after: JSONValue?
    ) {
        self.id = id
        self.occurredAt = occurredAt
        self.actor = actor
        self.origin = origin
        self.action = action
        self.organizationID = organizationID
        self.target = target
        self.before = before
        self.after = after
    }

    /// A new event by `actor`, now, with a fresh time-ordered id.
    package init(
        _ action: AuditAction, by actor: AuditActor, organizationID: String?, target: String, before: JSONValue? = nil,
        after: JSONValue? = nil, at date: Date = Date()
    ) {
        self.init(
            id: AuditID.make(at: date), occurredAt: date, actor: actor.name, origin: actor.origin, action: action.rawValue,
            organizationID: organizationID, target: target, before: before, after: after)
    }
}
