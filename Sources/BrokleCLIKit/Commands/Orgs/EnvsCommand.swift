import ArgumentParser

/// `brokle orgs envs`
struct EnvsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "envs",
        abstract: "Manage the environments of a project.",
        subcommands: [EnvsCreate.self, EnvsList.self, EnvsDelete.self]
    )
}
