/// Who made a change and from where, as the audit log records it: the CLI's `cli:<user>` on its
/// host, or (later) a signed-in member's email from a client address. Every store write takes one,
/// so a change cannot be made without saying whose it is.
package struct AuditActor: Sendable, Equatable, Hashable {
    /// `cli:alice`, or a member's email.
    package var name: String
    /// Where the change came from: the CLI's host name, or a client address.
    package var origin: String

    package init(name: String, origin: String) {
        self.name = name
        self.origin = origin
    }

    /// The CLI's actor: `override` (`BROKLE_ACTOR`) when given and not blank, else `cli:` and the
    /// operating-system user; the origin is the host name (`cli` when it is unknown).
    package static func cli(override: String?, userName: String?, hostName: String?) -> AuditActor {
        let given = override?.trimmingASCIIWhitespace() ?? ""
        let user = userName?.trimmingASCIIWhitespace() ?? ""
        let host = hostName?.trimmingASCIIWhitespace() ?? ""
        return AuditActor(
            name: given.isEmpty ? "cli:" + (user.isEmpty ? "unknown" : user) : given,
            origin: host.isEmpty ? "cli" : host)
    }
}
