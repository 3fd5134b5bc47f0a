import BrokleCore
import SQLKit

extension TraceFilter {
    /// Whether any end user, session, tag or metadata condition is set: such a filter can only be
    /// answered from the traces themselves (the hourly rollups do not have these dimensions).
    package var hasIdentityConditions: Bool { endUser != nil || sessionID != nil || !tags.isEmpty || !metadata.isEmpty }

    /// The end user, session, tag and metadata conditions over `traces t`.
    func identityConditions(_ dialect: SQLDialectKind, indexed: Bool) -> [SQLQueryString] {
        var conditions: [SQLQueryString] = []
        if let endUser {
            conditions.append("t.end_user = \(bind: endUser)")
            // trace_rows_user_idx leads with the organization: without --org, the organizations that have
            // end users at all (a loose scan of the partial index, one probe each) let the plan seek it.
            if org == nil && indexed { conditions.append("t.org_ref IN (\(Self.organizationsWithEndUsers))") }
        }
        if let sessionID { conditions.append("t.session_id = \(bind: sessionID)") }
        if !tags.isEmpty {
            switch dialect {
            case .sqlite:
                conditions.append("t.tags IS NOT NULL")
                for tag in tags { conditions.append("EXISTS (SELECT 1 FROM json_each(t.tags) tf WHERE tf.value = \(bind: tag))") }
            case .postgres:
                conditions.append("t.tags IS NOT NULL AND CAST(t.tags AS jsonb) @> CAST(\(bind: RequestIdentity.tagsJSON(tags)) AS jsonb)")
            }
        }
        if !metadata.isEmpty { conditions.append("t.metadata IS NOT NULL") }
        for match in metadata {
            switch dialect {
            case .sqlite:
                // json_each matches the key exactly whatever it holds (a path would need quoting); a
                // number is compared by its literal as written (`->` keeps it), a boolean as true/false.
                conditions.append(
                    """
                    EXISTS (SELECT 1 FROM json_each(t.metadata) mf WHERE mf.key = \(bind: match.key) AND (CASE mf.type \
                    WHEN 'text' THEN mf.value WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN NULL \
                    ELSE COALESCE(t.metadata -> mf.fullkey, CAST(mf.value AS TEXT)) END) = \(bind: match.value))
                    """)
            case .postgres:
                conditions.append("(CAST(t.metadata AS jsonb) ->> \(bind: match.key)) = \(bind: match.value)")
            }
        }
        return conditions
    }

    /// The distinct organizations (their `trace_names` numbers) of traces that have an end user, read
    /// from trace_rows_user_idx one probe at a time (a recursive loose index scan; both databases lack
    /// a skip scan). Traces keep their organization after it is deleted, so `organizations` would not do.
    static let organizationsWithEndUsers: SQLQueryString = """
        WITH RECURSIVE user_orgs(id) AS (
            SELECT (SELECT min(org) FROM trace_rows WHERE end_user IS NOT NULL)
            UNION ALL
            SELECT (SELECT min(org) FROM trace_rows WHERE end_user IS NOT NULL AND org > u.id)
            FROM user_orgs u WHERE u.id IS NOT NULL
        ) SELECT id FROM user_orgs WHERE id IS NOT NULL
        """
}
