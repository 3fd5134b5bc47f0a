import BrokleCore
import Foundation
import SQLKit

/// What `brokle audit query` asks for. Time bounds become bounds on the time-ordered id, so every
/// filter reads the primary key, or the organization's index, in order.
package struct AuditFilter: Sendable {
    /// The organization's id (``AuditStore/organizationID(_:)``).
    package var organizationID: String?
    package var actor: String?
    /// A prefix: `key.` matches every key action.
    package var action: String?
    package var target: String?
    package var since: Date?
    package var until: Date?
    /// Rows older than this id: the last `id` of the previous page.
    package var before: String?

    package init() {}

    var conditions: [SQLQueryString] {
        var conditions: [SQLQueryString] = []
        if let organizationID { conditions.append("a.organization_id = \(bind: organizationID)") }
        if let actor { conditions.append("a.actor = \(bind: actor)") }
        if let action {
            // A LIKE prefix, with its own wildcards escaped.
            let escaped = action.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            conditions.append("a.action LIKE \(bind: escaped + "%") ESCAPE '\\'")
        }
        if let target { conditions.append("a.target = \(bind: target)") }
        if let since { conditions.append("a.id >= \(bind: AuditID.lowerBound(since))") }
        if let until { conditions.append("a.id < \(bind: AuditID.lowerBound(until))") }
        if let before { conditions.append("a.id < \(bind: before)") }
        return conditions
    }
}
