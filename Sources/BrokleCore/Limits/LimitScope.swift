/// Where a limit or budget applies: a key, an environment, a project or an organization. A request
/// must pass every scope it belongs to.
package struct LimitScope: Hashable, Sendable {
    package enum Kind: String, Sendable, CaseIterable, Codable {
        case key, environment, project, organization
    }

    package var kind: Kind
    /// The id of the key, environment, project or organization (not its slug).
    package var id: String

    package init(_ kind: Kind, _ id: String) {
        self.kind = kind
        self.id = id
    }

    /// The four scopes of a request made with `key`, narrowest first.
    package static func all(of key: KeyContext) -> [LimitScope] {
        [
            LimitScope(.key, key.keyID), LimitScope(.environment, key.environmentID), LimitScope(.project, key.projectID),
            LimitScope(.organization, key.organizationID),
        ]
    }

    /// `key:<id>`, `environment:<id>`, …: the prefix of its counters' names.
    package var label: String { "\(kind.rawValue):\(id)" }
}
