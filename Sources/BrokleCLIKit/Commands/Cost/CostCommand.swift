import ArgumentParser

/// `brokle cost`: what the gateway's traffic cost.
struct CostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cost",
        abstract: "Report usage and cost from the traces.",
        subcommands: [CostReport.self]
    )
}
