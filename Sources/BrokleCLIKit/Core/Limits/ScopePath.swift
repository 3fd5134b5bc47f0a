/// Where a limit scope sits in the tenancy, by slugs (and a key's public id): what commands print
/// instead of internal ids.
public struct ScopePath: Sendable, Equatable {
    public var kind: LimitScope.Kind
    public var org: String?
    public var project: String?
    public var environment: String?
    /// The key's public id (key scopes only).
    public var key: String?

    public init(kind: LimitScope.Kind, org: String?, project: String? = nil, environment: String? = nil, key: String? = nil) {
        self.kind = kind
        self.org = org
        self.project = project
        self.environment = environment
        self.key = key
    }

    /// What names the scope on the command line: `acme`, `acme/web`, `acme/web/production`, or the
    /// key's public id. Empty when what it names no longer exists.
    public var text: String {
        switch kind {
        case .key: key ?? ""
        case .organization: org ?? ""
        case .project: [org, project].compactMap { $0 }.joined(separator: "/")
        case .environment: [org, project, environment].compactMap { $0 }.joined(separator: "/")
        }
    }
}
