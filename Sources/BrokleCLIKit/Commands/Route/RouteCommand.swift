import ArgumentParser

/// `brokle route`: how the gateway routes a model.
struct RouteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Explain and try the routing of a model.",
        subcommands: [RouteTest.self]
    )
}
