import ArgumentParser

/// `brokle audit`: read the audit log of changes.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Read the audit log: who changed what, when and from where.",
        subcommands: [AuditQuery.self]
    )
}
