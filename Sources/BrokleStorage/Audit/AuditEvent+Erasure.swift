import BrokleCore

extension AuditEvent {
    /// The one row of a `brokle trace purge`: its selector and what it removed. An end user's or a
    /// session's id is personal data the purge erases, so the row names it by a keyed digest only
    /// (``ErasureDigest``), never in clear.
    package static func purge(
        _ selector: ErasureSelector, target: ErasureTarget, contentOnly: Bool, counts: TraceErasure.Counts, digest: ErasureDigest,
        by actor: AuditActor
    ) -> AuditEvent {
        var organizationID: String?
        switch target {
        case .endUser(_, let id), .session(_, let id): organizationID = id
        case .project(_, let id): organizationID = id
        case .key: organizationID = nil
        }
        let name: String
        var selection: [String: JSONValue] = ["content_only": .bool(contentOnly)]
        switch selector {
        case .endUser(let user, let org):
            name = "user:hmac:" + digest.name(user)
            selection["org"] = org.map { .string($0) } ?? .null
        case .session(let session, let org):
            name = "session:hmac:" + digest.name(session)
            selection["org"] = org.map { .string($0) } ?? .null
        case .key(let key):
            name = "key:" + key
        case .project(let path):
            name = "project:\(path.org)/\(path.project)"
        }
        selection["selector"] = .string(name)
        var removed: [String: JSONValue] = [
            "trace_contents_deleted": .int(counts.contentsDeleted), "traces_anonymised": .int(counts.tracesAnonymised),
        ]
        if let count = counts.cacheEntriesDeleted { removed["cache_entries_deleted"] = .int(count) }
        if let count = counts.responsesDeleted { removed["responses_deleted"] = .int(count) }
        if let count = counts.limitCountersDeleted { removed["limit_counters_deleted"] = .int(count) }
        return AuditEvent(
            .tracePurge, by: actor, organizationID: organizationID, target: name, before: .object(selection), after: .object(removed))
    }
}
