import ArgumentParser

/// `brokle users`: the people who sign in to the dashboard (members are added with `brokle orgs members add`).
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Manage how members sign in to the dashboard.",
        subcommands: [UsersPasswd.self])
}
