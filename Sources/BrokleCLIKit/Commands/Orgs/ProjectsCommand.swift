import ArgumentParser

/// `brokle orgs projects`
struct ProjectsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "projects",
        abstract: "Manage the projects of an organization.",
        subcommands: [ProjectsCreate.self, ProjectsList.self, ProjectsDelete.self]
    )
}
