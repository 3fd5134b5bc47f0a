import BrokleCore

/// Finds the scope a command line names (`--org`, `--project`, `--env`, `--key`) in the database:
/// its id, its organization and its path. What does not exist is a `not_found` error naming it.
package struct ScopeResolver: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    package func resolve(_ reference: ScopeReference) async throws(BrokleError) -> ScopeTarget {
        switch reference {
        case .organization(let slug):
            let organization = try await OrganizationStore(database).get(slug)
            return ScopeTarget(
                scope: LimitScope(.organization, organization.id), organizationID: organization.id,
                path: ScopePath(kind: .organization, org: slug))
        case .project(let path):
            let project = try await ProjectStore(database).get(org: path.org, slug: path.project)
            return ScopeTarget(
                scope: LimitScope(.project, project.id), organizationID: project.organizationID,
                path: ScopePath(kind: .project, org: path.org, project: path.project))
        case .environment(let path):
            let environment = try await EnvironmentStore(database).get(org: path.org, project: path.project, slug: path.environment)
            let project = try await ProjectStore(database).get(org: path.org, slug: path.project)
            return ScopeTarget(
                scope: LimitScope(.environment, environment.id), organizationID: project.organizationID,
                path: ScopePath(kind: .environment, org: path.org, project: path.project, environment: path.environment))
        case .endUsers(let path):
            let environment = try await resolve(.environment(path))
            var target = environment
            target.scope.kind = .endUser
            target.path.kind = .endUser
            return target
        case .key(let id):
            return Self.target(of: try await KeyStore(database).get(id))
        }
    }

    /// The key scope of `key`.
    static func target(of key: APIKey) -> ScopeTarget {
        ScopeTarget(
            scope: LimitScope(.key, key.id), organizationID: key.organizationID,
            path: ScopePath(kind: .key, org: key.orgSlug, project: key.projectSlug, environment: key.environmentSlug, key: key.publicID))
    }
}
