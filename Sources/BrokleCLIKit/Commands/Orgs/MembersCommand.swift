import ArgumentParser

/// `brokle orgs members`
struct MembersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members",
        abstract: "Manage who belongs to an organization, and their roles.",
        subcommands: [MembersAdd.self, MembersList.self, MembersSetRole.self, MembersRemove.self]
    )
}
