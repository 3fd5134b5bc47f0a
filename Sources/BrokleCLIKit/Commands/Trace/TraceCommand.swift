import ArgumentParser

/// `brokle trace`: read the gateway's traces.
struct TraceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Query the gateway's request traces, or ingest spilled ones.",
        subcommands: [TraceQuery.self, TraceIngest.self]
    )
}
