import BrokleCore
import ArgumentParser

/// `brokle`: the root of the command tree. It only lists subcommands.
package struct BrokleCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "brokle",
        abstract: "An AI gateway and LLM-observability toolkit. Every command prints JSON lines on stdout.",
        version: BrokleVersion.current,
        subcommands: [
            ProxyCommand.self, MigrateCommand.self, OrgsCommand.self, KeysCommand.self, SeedCommand.self,
            RouteCommand.self, TraceCommand.self, CostCommand.self, CacheCommand.self, LimitsCommand.self, BudgetsCommand.self,
            GuardrailsCommand.self, LoggingCommand.self, AuditCommand.self, ConfigCommand.self, UsersCommand.self, UICommand.self,
        ]
    )

    package init() {}
}
