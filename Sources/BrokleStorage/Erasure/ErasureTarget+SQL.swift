import SQLKit

extension ErasureTarget {
    /// The target's traces, over the view `traces t`, each served by an index of `trace_rows`:
    /// `trace_rows_user_idx` (organization, end user, started_at) once the organization is known,
    /// `trace_rows_session_idx`, `trace_rows_org_idx` for a project (the organization by its
    /// `trace_names` number, `org_ref`); a key has no index of its own (0007 dropped it), so its
    /// traces are read in time order along `trace_rows_started_idx`.
    var traceCondition: SQLQueryString {
        switch self {
        case .endUser(let user, let organizationID?):
            "t.org_ref = \(TraceFilter.organizationRef(id: organizationID)) AND t.end_user = \(bind: user)"
        case .endUser(let user, nil):
            "t.org_ref IN (\(TraceFilter.organizationsWithEndUsers)) AND t.end_user = \(bind: user)"
        case .session(let session, let organizationID?):
            "t.session_id = \(bind: session) AND t.org_ref = \(TraceFilter.organizationRef(id: organizationID))"
        case .session(let session, nil):
            "t.session_id = \(bind: session)"
        case .key(let id):
            "t.api_key_id = \(bind: id)"
        case .project(let id, let organizationID):
            "t.org_ref = \(TraceFilter.organizationRef(id: organizationID)) AND t.project_id = \(bind: id)"
        }
    }

    /// The target's stored answers of the response cache; nil where the cache does not record who
    /// stored an entry: not the session, not the key (an entry is shared by its whole scope).
    var cacheCondition: SQLQueryString? {
        switch self {
        case .endUser(let user, let organizationID?): "end_user = \(bind: user) AND organization_id = \(bind: organizationID)"
        case .endUser(let user, nil): "end_user = \(bind: user)"
        case .project(let id, let organizationID): "organization_id = \(bind: organizationID) AND project_id = \(bind: id)"
        case .session, .key: nil
        }
    }

    /// Whether the response cache records this target (``cacheCondition``).
    package var coversCache: Bool { cacheCondition != nil }

    /// The organizations to erase in one at a time: an end user without one is found first in each
    /// organization where they appear (one pass over the partial `trace_rows_user_idx`), so every batch
    /// after that seeks the index by (organization, end user) instead of scanning it.
    func perOrganization(on sql: any SQLDatabase) async throws -> [ErasureTarget] {
        guard case .endUser(let user, nil) = self else { return [self] }
        let rows = try await sql.raw("SELECT DISTINCT t.organization_id FROM traces t WHERE \(traceCondition)").all()
        return try rows.map { .endUser(user, organizationID: try $0.decode(column: "organization_id", as: String.self)) }
    }
}
