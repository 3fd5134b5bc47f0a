import ArgumentParser

/// `brokle trace`: read the gateway's traces.
struct TraceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Query the gateway's request traces, ingest spilled ones, or erase an end user's.",
        subcommands: [TraceQuery.self, TraceIngest.self, TracePurge.self]
    )
}
