import ArgumentParser

/// `brokle orgs`: organizations, their projects, environments and members.
struct OrgsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orgs",
        abstract: "Manage organizations, projects, environments and members.",
        subcommands: [
            OrgsCreate.self, OrgsList.self, OrgsShow.self, OrgsUpdate.self, OrgsDelete.self,
            ProjectsCommand.self, EnvsCommand.self, MembersCommand.self,
        ]
    )
}
