import BrokleCore

extension AuditActor {
    /// The actor of changes tests make through the stores directly.
    static let test = AuditActor(name: "test", origin: "tests")
}
