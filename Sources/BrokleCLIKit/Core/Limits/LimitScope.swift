/// Where a limit or budget applies: a key, an environment, a project or an organization. A request
/// must pass every scope it belongs to.
public struct LimitScope: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case key, environment, project, organization
    }

    public var kind: Kind
    /// The id of the key, environment, project or organization (not its slug).
    public var id: String

    public init(_ kind: Kind, _ id: String) {
        self.kind = kind
        self.id = id
    }

    /// The four scopes of a request made with `key`, narrowest first.
    public static func all(of key: KeyContext) -> [LimitScope] {
        [
            LimitScope(.key, key.keyID), LimitScope(.environment, key.environmentID), LimitScope(.project, key.projectID),
            LimitScope(.organization, key.organizationID),
        ]
    }

    /// `key:<id>`, `environment:<id>`, …: the prefix of its counters' names.
    public var label: String { "\(kind.rawValue):\(id)" }
}
