import BrokleCore
import Foundation
import SQLKit

/// Which traces a query or report covers. Tenancy filters are slugs; the key is an id or public id.
package struct TraceFilter: Sendable {
    package var since: Date?
    package var until: Date?
    package var org: String?
    package var project: String?
    package var environment: String?
    package var key: String?
    package var model: String?
    package var provider: String?
    package var status: TraceRecord.Status?
    package var minLatencyMs: Double?
    package var fallbackOnly = false
    package var cachedOnly = false
    /// Only this end user's traces (`traces.end_user`).
    package var endUser: String?
    /// Only this conversation's traces (`traces.session_id`).
    package var sessionID: String?
    /// Only traces carrying every one of these tags.
    package var tags: [String] = []
    /// Only traces whose metadata has every one of these keys with this value (as text).
    package var metadata: [MetadataMatch] = []
    /// Set by a report that reads most of the table (``coversMostTraces(on:)``): on SQLite the range
    /// is then checked row by row in a table scan instead of through `traces_started_idx`.
    var readsMostOfTheTable = false

    package init() {}

    /// `--meta key=value`: the metadata value compared as text — a JSON string's value, a number's or
    /// a boolean's literal (`true`); a JSON null matches nothing.
    package struct MetadataMatch: Sendable, Equatable {
        package var key: String
        package var value: String

        package init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// The tables beyond `traces t` that the conditions need.
    var needsTenancyJoins: Bool { org != nil || project != nil || environment != nil }
    var needsKeyJoin: Bool { key != nil }

    /// `WHERE …` over `traces t` (and the joined `o`, `p`, `e`, `k` when needed), in `dialect`.
    /// `indexed` (the view itself, not a report's union of rollups and traces): the organization is
    /// also matched by its `trace_names` number, so the plan seeks `trace_rows_org_idx`.
    func whereClause(_ dialect: SQLDialectKind, indexed: Bool = true) -> SQLQueryString {
        var conditions: [SQLQueryString] = []
        if let since { conditions.append(startedAt("t", dialect) + " >= \(bind: since)") }
        if let until { conditions.append(startedAt("t", dialect) + " < \(bind: until)") }
        if let org {
            // Through trace_rows_org_idx: the organization's number, looked up once.
            if indexed { conditions.append("t.org_ref = \(Self.organizationRef(slug: org))") }
            conditions.append("o.slug = \(bind: org)")
        }
        if let project { conditions.append("p.slug = \(bind: project)") }
        if let environment { conditions.append("e.slug = \(bind: environment)") }
        if let key { conditions.append("(k.public_id = \(bind: key) OR t.api_key_id = \(bind: key))") }
        if let model { conditions.append("t.model_requested = \(bind: model)") }
        if let provider { conditions.append("t.provider = \(bind: provider)") }
        if let status { conditions.append("t.status = \(bind: status.rawValue)") }
        if let minLatencyMs { conditions.append("t.latency_ms >= \(bind: minLatencyMs)") }
        if fallbackOnly { conditions.append("t.fallback = \(bind: true)") }
        if cachedOnly {
            conditions.append(
                "(t.cache_hit = \(bind: true) OR t.tokens_cached > 0 OR t.cache_result IN ('hit_exact', 'hit_semantic'))")
        }
        conditions += identityConditions(dialect, indexed: indexed)
        return conditions.isEmpty ? "WHERE 1 = 1" : "WHERE " + conditions.joined(separator: " AND ")
    }

    /// The `trace_names` number of the organization with this slug (NULL, matching nothing, if none).
    static func organizationRef(slug: String) -> SQLQueryString {
        "(SELECT n.ref FROM trace_names n JOIN organizations so ON so.id = n.name WHERE so.slug = \(bind: slug))"
    }

    /// The `trace_names` number of the organization with this id (NULL, matching nothing, if none).
    static func organizationRef(id: String) -> SQLQueryString {
        "(SELECT n.ref FROM trace_names n WHERE n.name = \(bind: id))"
    }

    /// The joins the filter (and `extra` output columns) need; plain ids stay on `traces`.
    func joins(tenancy: Bool = false, key: Bool = false) -> SQLQueryString {
        var out: SQLQueryString = ""
        if tenancy || needsTenancyJoins {
            out = """
                 LEFT JOIN organizations o ON o.id = t.organization_id LEFT JOIN projects p ON p.id = t.project_id \
                LEFT JOIN environments e ON e.id = t.environment_id
                """
        }
        if key || needsKeyJoin { out = out + " LEFT JOIN api_keys k ON k.id = t.api_key_id" }
        return out
    }
}
