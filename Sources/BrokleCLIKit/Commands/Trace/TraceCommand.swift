import ArgumentParser

/// `brokle trace`: read the gateway's traces.
struct TraceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Query the gateway's request traces, ingest spilled ones, or prune old ones.",
        subcommands: [TraceQuery.self, TraceIngest.self, TracePrune.self]
    )
}
