import ArgumentParser

/// `brokle trace`: read the gateway's traces.
struct TraceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Query the gateway's request traces, show one whole, or ingest spilled ones.",
        subcommands: [TraceQuery.self, TraceShow.self, TraceIngest.self]
    )
}
