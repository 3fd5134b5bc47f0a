import BrokleCore

/// Whose traces `brokle trace purge` erases, as the command line names them: one end user or one
/// session (in one organization, or in every one), one API key (its id or public id) or one project.
package enum ErasureSelector: Sendable, Equatable, CustomStringConvertible {
    case endUser(String, org: String?)
    case session(String, org: String?)
    case key(String)
    case project(ProjectPath)

    /// The ids the traces carry. A key, project or organization that does not exist is `not_found`.
    package func resolve(on database: Database) async throws(BrokleError) -> ErasureTarget {
        switch self {
        case .endUser(let user, let org):
            return .endUser(user, organizationID: try await Self.organizationID(org, database))
        case .session(let session, let org):
            return .session(session, organizationID: try await Self.organizationID(org, database))
        case .key(let idOrPublicID):
            return .key(id: try await KeyStore(database).get(idOrPublicID).id)
        case .project(let path):
            let project = try await ProjectStore(database).get(org: path.org, slug: path.project)
            return .project(id: project.id, organizationID: project.organizationID)
        }
    }

    private static func organizationID(_ slug: String?, _ database: Database) async throws(BrokleError) -> String? {
        guard let slug else { return nil }
        return try await OrganizationStore(database).get(slug).id
    }

    /// For the confirmation question: "end user 'u1' in every organization".
    package var description: String {
        switch self {
        case .endUser(let user, let org): "end user '\(user)' in \(org.map { "organization \($0)" } ?? "every organization")"
        case .session(let session, let org): "session '\(session)' in \(org.map { "organization \($0)" } ?? "every organization")"
        case .key(let key): "API key \(key)"
        case .project(let path): "project \(path)"
        }
    }
}

/// An ``ErasureSelector`` resolved to the ids stored on `traces` and `cache_entries`.
package enum ErasureTarget: Sendable, Equatable {
    case endUser(String, organizationID: String?)
    case session(String, organizationID: String?)
    case key(id: String)
    case project(id: String, organizationID: String)
}
