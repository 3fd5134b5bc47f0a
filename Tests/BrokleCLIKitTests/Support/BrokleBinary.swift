import Foundation
import Testing

/// Runs the built `brokle` executable the way a user or a script does, capturing stdout, stderr and
/// the exit status.
struct BrokleBinary {
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String

        /// stdout as JSON lines, each decoded.
        func lines() throws -> [JSONLine] {
            try stdout.split(separator: "\n").map { try JSONLine(String($0)) }
        }

        /// The single JSON error line on stderr (log lines are skipped).
        func errorLine() throws -> JSONLine? {
            try stderr.split(separator: "\n").map { try JSONLine(String($0)) }.first { $0["error"] != nil }
        }
    }

    static let url: URL = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        for folder in candidates {
            let url = folder.appendingPathComponent("brokle")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return url
            }
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/brokle")
    }()

    /// Runs `brokle arguments…` in `directory` with a clean environment plus `environment`;
    /// stdin is /dev/null (not a terminal), as in CI, or the file `stdin`. The wait happens off the
    /// cooperative pool.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil, stdin: URL? = nil
    ) async throws -> Result {
        try await offThePool { try Process.inSlot { try runBlocking(arguments, environment: environment, in: directory, stdin: stdin) } }
    }

    private static func runBlocking(_ arguments: [String], environment: [String: String], in directory: URL?, stdin: URL?) throws
        -> Result
    {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        env.merge(environment) { $1 }
        process.environment = env
        let workDirectory = directory ?? FileManager.default.temporaryDirectory
        process.currentDirectoryURL = workDirectory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle(forReadingAtPath: stdin?.path ?? "/dev/null")
        try process.run()
        // Read both pipes before waiting so a chatty child never blocks on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self)
        )
    }

    /// A new empty folder for one test (no stray .env around).
    static func scratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("brokle-cli-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
