import ArgumentParser

/// `brokle limits`: rate and concurrency limits on keys, environments, projects and organizations.
struct LimitsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "limits",
        abstract: "Set, list, show and remove requests/tokens per minute and concurrency limits on a scope.",
        discussion: """
            A scope is one of --org ORG, --project ORG/PROJECT, --env ORG/PROJECT/ENV or --key ID. A request must \
            pass the limits of its key, environment, project and organization.
            """,
        subcommands: [LimitsSet.self, LimitsList.self, LimitsShow.self, LimitsRemove.self]
    )
}
