import ArgumentParser

/// `brokle config`: the configuration the gateway would run with.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check the configuration without starting the gateway.",
        subcommands: [ConfigCheck.self]
    )
}
