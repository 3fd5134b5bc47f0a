import ArgumentParser

/// `brokle trace`: read the gateway's traces.
struct TraceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Query the gateway's request traces, show one whole, ingest spilled ones, prune old ones, or erase an end user's.",
        subcommands: [TraceQuery.self, TraceShow.self, TraceIngest.self, TracePrune.self, TracePurge.self]
    )
}
