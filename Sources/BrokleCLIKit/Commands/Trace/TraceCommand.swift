import ArgumentParser

/// `brokle trace`: read the gateway's traces.
struct TraceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Query the gateway's request traces.",
        subcommands: [TraceQuery.self]
    )
}
