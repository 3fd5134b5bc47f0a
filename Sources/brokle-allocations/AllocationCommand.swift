import ArgumentParser
import BrokleCore
import BrokleGateway
import BrokleSettings
import Foundation
import Logging
import MallocInterposerSwift

/// `brokle-allocations`: how many times the gateway calls `malloc` to serve one request, for each
/// ``AllocationScenario``, as SwiftNIO's allocation-counter tests count theirs. A gateway runs in
/// this process (SQLite, auth, traces, limits on), in front of `brokle-bench upstream` in
/// another; a blocking client that allocates nothing sends the requests one after another on one
/// connection. Counting covers the requests and the work they leave behind (the trace writer's
/// batch, the span export), and is divided by the number of requests. Prints one JSON line per
/// scenario. Unlike time, the count is the same on any host, so `make test` can hold it to a ceiling.
///
/// It counts through malloc-interposer, which must be preloaded; run without it, it starts itself
/// again with `LD_PRELOAD` set to the library built beside it.
@main
struct AllocationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brokle-allocations", abstract: "Count the gateway's allocations per proxied request.")

    @Option(help: "Requests counted per scenario.") var requests = 400
    @Option(help: "Requests sent first, uncounted (caches, pools and connections warm).") var warmup = 200
    @Option(help: "Only these scenarios (repeatable).") var scenario: [String] = []

    func run() async throws {
        try Interposer.preloadOrRestart()
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let bench = try await AllocationBench.start(binaries: directory)
        do {
            for scenario in AllocationScenario.all where self.scenario.isEmpty || self.scenario.contains(scenario.name) {
                let counted = try await bench.count(scenario, requests: requests, warmup: warmup)
                print(counted.json)
            }
        } catch {
            bench.stop()
            throw error
        }
        bench.stop()
        // The gateways' services are still running: nothing to wait for.
        Foundation.exit(0)
    }
}

/// Loading and checking the interposer.
enum Interposer {
    /// Returns when `malloc` is counted; otherwise execs this program again with the interposer
    /// preloaded (once: a second failure is an error).
    static func preloadOrRestart() throws {
        MallocInterposerSwift.hook()
        let probe = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 8)
        probe.deallocate()
        MallocInterposerSwift.unhook()
        if MallocInterposerSwift.getStatistics().mallocCount > 0 { return }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let library = executable.deletingLastPathComponent().appendingPathComponent("libMallocInterposerSwift.so").path
        guard ProcessInfo.processInfo.environment["LD_PRELOAD"] == nil, FileManager.default.fileExists(atPath: library) else {
            throw AllocationBench.Failed(description: "malloc is not being counted: preload \(library)")
        }
        setenv("LD_PRELOAD", library, 1)
        let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
        execv(executable.path, arguments)
        throw AllocationBench.Failed(description: "could not restart with LD_PRELOAD=\(library)")
    }
}
