import ArgumentParser

/// `brokle`: the root of the command tree. It only lists subcommands.
public struct BrokleCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "brokle",
        abstract: "An AI gateway and LLM-observability toolkit. Every command prints JSON lines on stdout.",
        version: BrokleVersion.current,
        subcommands: [
            ProxyCommand.self, MigrateCommand.self, OrgsCommand.self, KeysCommand.self, SeedCommand.self,
            RouteCommand.self, TraceCommand.self, CostCommand.self, CacheCommand.self, LimitsCommand.self, BudgetsCommand.self,
        ]
    )

    public init() {}
}

public enum BrokleVersion {
    public static let current = "0.1.0"
}
