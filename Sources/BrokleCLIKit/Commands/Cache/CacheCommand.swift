import ArgumentParser

/// `brokle cache`: what the gateway's response cache did, holds, and forgets.
struct CacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Report on the response cache, or purge its stored answers.",
        subcommands: [CacheStats.self, CachePurge.self]
    )
}
