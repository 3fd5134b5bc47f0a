import BrokleCore
import SQLKit

/// The joins that give a `limits`, `budgets` or `guardrail_policies` row (aliased `x`) the slugs of its scope: its
/// organization, project and environment, and a key's public id. Shared by ``LimitStore`` and
/// ``BudgetStore`` and ``GuardrailPolicyStore``. A scope deleted since keeps its row; its path is then empty.
enum ScopeColumns {
    static let columns: SQLQueryString = """
        x.scope_kind, x.scope_id, x.organization_id, so.slug AS scope_org, sp.slug AS scope_project, se.slug AS scope_env,
        sk.public_id AS scope_key
        """

    static let joins: SQLQueryString = """
        LEFT JOIN organizations so ON so.id = x.organization_id
        LEFT JOIN api_keys sk ON x.scope_kind = 'key' AND sk.id = x.scope_id
        LEFT JOIN environments se ON se.id = CASE x.scope_kind WHEN 'environment' THEN x.scope_id WHEN 'end_user' THEN x.scope_id WHEN 'key' THEN sk.environment_id END
        LEFT JOIN projects sp ON sp.id = CASE x.scope_kind WHEN 'project' THEN x.scope_id ELSE se.project_id END
        """

    /// Rows of one scope.
    static func matching(_ scope: LimitScope) -> SQLQueryString {
        "x.scope_kind = \(bind: scope.kind.rawValue) AND x.scope_id = \(bind: scope.id)"
    }

    /// The order lists print in: by organization, then kind (widest first), then path.
    static let order: SQLQueryString = """
        so.slug, CASE x.scope_kind WHEN 'organization' THEN 0 WHEN 'project' THEN 1 WHEN 'environment' THEN 2 WHEN 'end_user' THEN 3 ELSE 4 END,
        sp.slug, se.slug, sk.public_id
        """

    static func scope(_ row: any SQLRow) throws -> LimitScope {
        let kindText = try row.decode(column: "scope_kind", as: String.self)
        guard let kind = LimitScope.Kind(rawValue: kindText) else {
            throw BrokleError(.database, "unknown scope kind '\(kindText)' in the database")
        }
        return LimitScope(kind, try row.decode(column: "scope_id", as: String.self))
    }

    static func path(_ row: any SQLRow) throws -> ScopePath {
        ScopePath(
            kind: try scope(row).kind,
            org: try row.decode(column: "scope_org", as: String?.self),
            project: try row.decode(column: "scope_project", as: String?.self),
            environment: try row.decode(column: "scope_env", as: String?.self),
            key: try row.decode(column: "scope_key", as: String?.self)
        )
    }
}
