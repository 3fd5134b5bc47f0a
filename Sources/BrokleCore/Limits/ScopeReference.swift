/// A limit scope as people name it on the command line: `--org acme`, `--project acme/web`,
/// `--env acme/web/production`, `--key ID` (a key's id or public id).
package enum ScopeReference: Sendable, Equatable {
    case organization(String)
    case project(ProjectPath)
    case environment(EnvironmentPath)
    case key(String)
    /// Each end user of an environment (`--env ORG/PROJECT/ENV --per-user`).
    case endUsers(EnvironmentPath)

    package var kind: LimitScope.Kind {
        switch self {
        case .organization: .organization
        case .project: .project
        case .environment: .environment
        case .key: .key
        case .endUsers: .endUser
        }
    }
}
