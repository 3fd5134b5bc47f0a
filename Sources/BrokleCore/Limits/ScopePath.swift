/// Where a limit scope sits in the tenancy, by slugs (and a key's public id): what commands print
/// instead of internal ids.
package struct ScopePath: Sendable, Equatable {
    package var kind: LimitScope.Kind
    package var org: String?
    package var project: String?
    package var environment: String?
    /// The key's public id (key scopes only).
    package var key: String?

    package init(kind: LimitScope.Kind, org: String?, project: String? = nil, environment: String? = nil, key: String? = nil) {
        self.kind = kind
        self.org = org
        self.project = project
        self.environment = environment
        self.key = key
    }

    /// What names the scope on the command line: `acme`, `acme/web`, `acme/web/production`, or the
    /// key's public id. Empty when what it names no longer exists.
    package var text: String {
        switch kind {
        case .key: key ?? ""
        case .organization: org ?? ""
        case .project: [org, project].compactMap { $0 }.joined(separator: "/")
        case .environment, .endUser: [org, project, environment].compactMap { $0 }.joined(separator: "/")
        }
    }
}
