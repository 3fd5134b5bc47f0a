import BrokleCore
import BrokleGateway
import BrokleSettings
import Foundation
import Logging
import MallocInterposerSwift

/// The set-up the counts are taken in: `brokle-bench upstream` in a child process (also the OTLP
/// collector), a SQLite database made with the `brokle` CLI, and three gateways in this process,
/// alike but for OpenTelemetry export and content capture.
final class AllocationBench: Sendable {
    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    /// One scenario's figures.
    struct Counted {
        var scenario: String
        var requests: Int
        var allocations: Int
        var bytes: Int
        /// Allocations larger than a page.
        var large: Int

        var json: String {
            let perRequest = Double(allocations) / Double(requests)
            return #"{"scenario":"\#(scenario)","requests":\#(requests),"allocations_per_request":\#((perRequest * 10).rounded() / 10),"#
                + #""bytes_per_request":\#(bytes / requests),"large_per_request":\#((Double(large) / Double(requests) * 10).rounded() / 10)}"#
        }
    }

    let upstream: Process
    let work: URL
    let key: String
    let gateways: [AllocationScenario.Gateway: (gateway: Gateway, port: Int)]

    private init(upstream: Process, work: URL, key: String, gateways: [AllocationScenario.Gateway: (gateway: Gateway, port: Int)]) {
        self.upstream = upstream
        self.work = work
        self.key = key
        self.gateways = gateways
    }

    static func start(binaries: URL) async throws -> AllocationBench {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("brokle-allocations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let upstream = Process()
        upstream.executableURL = binaries.appendingPathComponent("brokle-bench")
        upstream.arguments = ["upstream", "--chunks", "20"]
        // The child has nothing to count.
        upstream.environment = ProcessInfo.processInfo.environment.filter { $0.key != "LD_PRELOAD" }
        let output = Pipe()
        upstream.standardOutput = output
        upstream.standardError = FileHandle.nullDevice
        try upstream.run()
        let line = String(decoding: output.fileHandleForReading.availableLine(), as: UTF8.self)
        guard let port = line.split(separator: ":").last.flatMap({ Int($0.filter(\.isNumber)) }) else {
            upstream.terminate()
            throw Failed(description: "brokle-bench upstream did not start: \(line)")
        }
        try """
        providers:
          fast: { kind: openai, base_url: "http://127.0.0.1:\(port)/v1", timeout: 60s }
          fast-responses: { kind: openai, base_url: "http://127.0.0.1:\(port)/v1", timeout: 60s, responses_api: true }
        models:
          bench: { provider: fast }
          bench-responses: { provider: fast-responses, model: bench }
          bench-cached: { provider: fast, model: bench, cache: { mode: exact, ttl: 1h } }
          bench-guarded: { provider: fast, model: bench, guardrails: { input: { default: mask }, output: { default: log }, restore: true } }
        pricing:
          - { provider: fast, model: bench, input: "0.15", output: "0.60" }
          - { provider: fast-responses, model: bench, input: "0.15", output: "0.60" }
        """.write(to: work.appendingPathComponent("brokle.yaml"), atomically: true, encoding: .utf8)
        var environment = ["BROKLE_DATABASE_URL": "sqlite:\(work.path)/brokle.db", "BROKLE_LOG_LEVEL": "error"]
        // Content capture is off, as by default, unless the run asks (`BROKLE_LOG_CONTENT=full brokle-allocations`).
        if let content = ProcessInfo.processInfo.environment["BROKLE_LOG_CONTENT"] { environment["BROKLE_LOG_CONTENT"] = content }
        let cli = binaries.appendingPathComponent("brokle")
        for arguments in [
            ["migrate", "up"], ["orgs", "create", "bench", "--plan", "enterprise"], ["orgs", "projects", "create", "bench/load"],
        ] {
            _ = try run(cli, arguments, environment: environment, in: work)
        }
        let created = try run(
            cli, ["keys", "create", "--project", "bench/load", "--env", "production"], environment: environment, in: work)
        guard let key = created.split(separator: "\"").first(where: { $0.hasPrefix("bk_") }).map(String.init) else {
            throw Failed(description: "no key from brokle keys create")
        }
        var gateways: [AllocationScenario.Gateway: (gateway: Gateway, port: Int)] = [:]
        for variant in AllocationScenario.Gateway.allCases {
            var environment = environment
            switch variant {
            case .plain: break
            case .export:
                environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:\(port)"
                environment["OTEL_BSP_SCHEDULE_DELAY"] = "20"
            case .content: environment["BROKLE_LOG_CONTENT"] = "full"
            }
            gateways[variant] = try await startGateway(environment: environment, directory: work)
        }
        return AllocationBench(upstream: upstream, work: work, key: key, gateways: gateways)
    }

    private static func startGateway(environment: [String: String], directory: URL) async throws -> (gateway: Gateway, port: Int) {
        let loader = ConfigLoader(environment: environment, currentDirectory: directory.path)
        let config = try loader.load(.init())
        var settings = try loader.loadGateway(.init(), .init(host: "127.0.0.1", port: 0, config: nil))
        // The trace batch and the key-use flush only when a run settles: each counted run then pays
        // for exactly one batch of its own traces, whatever the host's speed (on the timer, a slow
        // host cut a run into more, smaller batches and counted more a request).
        settings.traceFlushInterval = 3_600
        settings.keyUsageFlushInterval = 3_600
        // Nor does a timer re-read keys, rules, policies or the cache inside a run: a slow host's
        // longer run would catch more of them.
        settings.authCacheTTL = 3_600
        settings.databaseCheckInterval = 3_600
        settings.limits.refresh = 3_600
        settings.guardrails.refresh = .seconds(3_600)
        settings.cache.refresh = 3_600
        var logger = Logger(label: "brokle-allocations")
        logger.logLevel = .error
        let gateway = try await Gateway.start(config: config, settings: settings, logger: logger)
        let port = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
            Task {
                do {
                    try await gateway.run { port in continuation.resume(returning: port) }
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
        return (gateway, port)
    }

    /// Runs `executable` to completion; its standard output.
    private static func run(_ executable: URL, _ arguments: [String], environment: [String: String], in directory: URL) throws -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(description: "brokle \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// `requests` of `scenario` after `warmup` uncounted ones, on one connection.
    func count(_ scenario: AllocationScenario, requests: Int, warmup: Int) async throws -> Counted {
        guard let (gateway, port) = gateways[scenario.gateway] else { throw Failed(description: "no gateway") }
        let bodies = (0..<(warmup + requests)).map { scenario.request($0, key: key) }
        let client = try BlockingClient(port: port)
        try await onItsOwnThread {
            for index in 0..<warmup { try Self.check(client.exchange(bodies[index]), scenario) }
        }
        await gateway.settle()
        // Counters are totals since the process began (the library's reset does not clear every
        // thread's): the difference across the run is the run's.
        MallocInterposerSwift.hook()
        let before = MallocInterposerSwift.getStatistics()
        try await onItsOwnThread {
            for index in warmup..<(warmup + requests) { try Self.check(client.exchange(bodies[index]), scenario) }
        }
        await gateway.settle()
        MallocInterposerSwift.unhook()
        let after = MallocInterposerSwift.getStatistics()
        return Counted(
            scenario: scenario.name, requests: requests, allocations: after.mallocCount - before.mallocCount,
            bytes: after.mallocBytesCount - before.mallocBytesCount, large: after.mallocLargeCount - before.mallocLargeCount)
    }

    private static func check(_ status: Int, _ scenario: AllocationScenario) throws {
        guard status == 200 else { throw Failed(description: "\(scenario.name): the gateway answered \(status)") }
    }

    /// Runs blocking work on a thread of its own, off Swift concurrency's few threads.
    private func onItsOwnThread(_ work: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    func stop() {
        upstream.terminate()
        try? FileManager.default.removeItem(at: work)
    }
}

extension FileHandle {
    /// One line (without its newline), read a byte at a time.
    fileprivate func availableLine() -> Data {
        var line = Data()
        while let byte = try? read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) { line += byte }
        return line
    }
}
