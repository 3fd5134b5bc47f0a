import ArgumentParser

/// `brokle-bench`: the pieces of `make bench` — a fast OpenAI-format upstream, a bare forwarding
/// server (the stack's floor), load generators that measure latency the open-loop way (from when a
/// request was due, not when it was sent), the semantic cache's costs and accuracy, and the guardrail detector's.
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brokle-bench",
        abstract: "Benchmark tools for the Brokle gateway (used by `make bench`).",
        subcommands: [
            BenchUpstream.self, BarePassthrough.self, FloorCommand.self, OpenLoopLoad.self, StreamLoad.self, CacheBench.self,
            GuardrailBench.self, TraceWriteBench.self, ReportBench.self,
        ]
    )
}
