import Foundation
import SQLKit

/// Which rows of `cache_entries` a purge or the stats' entry count covers. Tenancy filters are
/// slugs, resolved through the joined `organizations o`, `projects p`, `environments e`.
package struct CacheEntryFilter: Sendable {
    package var org: String?
    package var project: String?
    package var environment: String?
    package var model: String?
    /// Only entries created before this time (`--older-than`).
    package var createdBefore: Date?
    /// Only entries already expired at this time (`--expired`).
    package var expiredAt: Date?
    /// Only entries still live at this time (what `cache stats` counts).
    package var liveAt: Date?

    package init() {}

    /// The tenancy and model of a trace filter (its period does not apply to stored entries).
    package init(tenancyAndModelOf filter: TraceFilter) {
        org = filter.org
        project = filter.project
        environment = filter.environment
        model = filter.model
    }

    /// True when the filter matches every entry.
    package var matchesEverything: Bool {
        org == nil && project == nil && environment == nil && model == nil && createdBefore == nil && expiredAt == nil
            && liveAt == nil
    }

    /// `FROM cache_entries c` with the tenancy joins, for grouping by slug as well as filtering.
    static let source: SQLQueryString = """
        cache_entries c LEFT JOIN organizations o ON o.id = c.organization_id LEFT JOIN projects p ON p.id = c.project_id \
        LEFT JOIN environments e ON e.id = c.environment_id
        """

    /// `WHERE …` over ``source``.
    func whereClause() -> SQLQueryString {
        var conditions: [SQLQueryString] = []
        if let org { conditions.append("o.slug = \(bind: org)") }
        if let project { conditions.append("p.slug = \(bind: project)") }
        if let environment { conditions.append("e.slug = \(bind: environment)") }
        if let model { conditions.append("c.model = \(bind: model)") }
        if let createdBefore { conditions.append("c.created_at < \(bind: createdBefore)") }
        if let expiredAt { conditions.append("c.expires_at <= \(bind: expiredAt)") }
        if let liveAt { conditions.append("c.expires_at > \(bind: liveAt)") }
        return conditions.isEmpty ? "WHERE 1 = 1" : "WHERE " + conditions.joined(separator: " AND ")
    }
}
