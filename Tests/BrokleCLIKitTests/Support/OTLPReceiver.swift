@testable import BrokleCore
import Foundation

/// `Tests/python/otlp_receiver.py` running for one test: an OTLP/HTTP collector that decodes
/// exports with the official `opentelemetry-proto` package (not Brokle's own encoder) and writes
/// each span as a JSON line. CI installs the package (`.ci/run`) and sets BROKLE_REQUIRE_PYTHON_SDK,
/// so there a missing package fails rather than skips.
final class OTLPReceiver: Sendable {
    static var available: Bool {
        CLIProxyTests.pythonModuleAvailable("opentelemetry.proto")
            || ProcessInfo.processInfo.environment["BROKLE_REQUIRE_PYTHON_SDK"] == "1"
    }

    let process: Process
    let port: Int
    let file: URL

    /// The traces URL the gateway exports to.
    var tracesURL: String { "http://127.0.0.1:\(port)/v1/traces" }

    /// Starts a receiver; `arguments` such as `["--status", "500"]` or `["--hang"]` make it fail.
    init(_ arguments: [String] = []) async throws {
        file = FileManager.default.temporaryDirectory.appendingPathComponent("brokle-otlp-\(UUID().uuidString).jsonl")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", Repository.root.appendingPathComponent("Tests/python/otlp_receiver.py").path, file.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        let line = try await offThePool {
            try process.run()
            return try output.fileHandleForReading.readLine()
        }
        // No port: python3 or its opentelemetry-proto package is missing (stderr says which).
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            throw ReceiverFailed(message: "the OTLP receiver did not start: pip install opentelemetry-proto")
        }
        self.process = process
        self.port = port
    }

    struct ReceiverFailed: Error {
        var message: String
    }

    /// The spans received so far.
    func spans() throws -> [JSONValue] {
        guard let data = FileManager.default.contents(atPath: file.path) else { return [] }
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8))
        }
    }

    /// The spans once at least `count` have arrived that match `filter` (waiting up to `limit`).
    func spans(atLeast count: Int, within limit: Duration = .seconds(15), where filter: (JSONValue) -> Bool = { _ in true })
        async throws -> [JSONValue]
    {
        let end = ContinuousClock.now + limit
        while true {
            let found = try spans().filter(filter)
            if found.count >= count || ContinuousClock.now >= end { return found }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Export requests refused (with `--status`).
    func refused() -> Int {
        guard let data = FileManager.default.contents(atPath: file.path + ".refused") else { return 0 }
        return data.split(separator: UInt8(ascii: "\n")).count
    }

    /// Kills the receiver (SIGKILL: the test process may be ignoring SIGTERM, and children inherit that).
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
