import Crypto

/// Where a limit or budget applies: a key, an environment, a project or an organization — or each
/// end user of an environment (`brokle limits set --env … --per-user`). A request must pass every
/// scope it belongs to.
///
/// An `endUser` rule's id is its environment's; the counters it makes are one per end user
/// (``endUser(environmentID:user:)``).
package struct LimitScope: Hashable, Sendable {
    package enum Kind: String, Sendable, CaseIterable, Codable {
        case key, environment, project, organization
        case endUser = "end_user"
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

    /// The counters' scope of one end user of an environment: `end_user:<environment id>:<hash>`, the
    /// user's id hashed (SHA-256, 128 bits in hex) so shared counters hold no personal data and stay short.
    package static func endUser(environmentID: String, user: String) -> LimitScope {
        LimitScope(.endUser, environmentID + ":" + endUserDigest(user))
    }

    /// An end user's id as its counters name it (what `brokle trace purge --user` deletes them by).
    package static func endUserDigest(_ user: String) -> String {
        Hex.string(bytes: Array(SHA256.hash(data: Array(user.utf8)).prefix(16)))
    }

    /// `key:<id>`, `environment:<id>`, …: the prefix of its counters' names.
    package var label: String { "\(kind.rawValue):\(id)" }
}
