@testable import BrokleStorage
import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization
import Testing

/// `brokle proxy` as a user runs it: the built binary, a real port, signals.
@Suite struct CLIProxyTests {
    /// A running `brokle proxy` on a free port over a fresh, seeded database.
    final class RunningProxy: @unchecked Sendable {
        let process = Process()
        let folder: URL
        var baseURL = ""
        var key = ""
        let stderr = Pipe()
        let environment: [String: String]
        private final class LogBuffer: Sendable { let data = Mutex(Data()) }
        private let logBuffer = LogBuffer()
        /// Everything the proxy logged so far (read continuously, so a chatty proxy never blocks on
        /// a full pipe).
        var logs: String { String(decoding: logBuffer.data.withLock { $0 }, as: UTF8.self) }
        private let logsClosed = DispatchSemaphore(value: 0)

        /// All the logs, once the process has exited and its stderr is closed.
        func allLogs() async throws -> String {
            let closed = logsClosed
            try await offThePool {
                closed.wait(); closed.signal()
            }
            return logs
        }

        init(
            executable: URL = BrokleBinary.url, arguments: [String] = ["proxy"], environment: [String: String] = [:], yaml: String? = nil,
            folder: URL? = nil, seed: Bool = true
        ) async throws {
            self.folder = try folder ?? BrokleBinary.scratchDirectory()
            self.environment = environment
            if let yaml { try yaml.write(to: self.folder.appendingPathComponent("brokle.yaml"), atomically: true, encoding: .utf8) }
            if seed { try await self.seed() }
            try await start(executable: executable, arguments: arguments)
        }

        private func seed() async throws {
            #expect(try await BrokleBinary.run(["migrate", "up"], environment: environment, in: folder).status == 0)
            let seeded = try await BrokleBinary.run(["seed", "--log-level", "error"], environment: environment, in: folder)
            key = try seeded.lines().first { $0["path"] == .string("acme/web/production") && $0["key"] != nil }?["key"]?.stringValue ?? ""
        }

        private func start(executable: URL, arguments: [String]) async throws {
            process.executableURL = executable
            process.arguments = arguments + ["--port", "0", "--log-level", "warning"]
            process.currentDirectoryURL = folder
            var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
            env.merge(environment) { $1 }
            process.environment = env
            let stdout = Pipe()
            process.standardOutput = stdout
            process.standardError = stderr
            try process.run()
            let (handle, buffer, closed) = (stderr.fileHandleForReading, logBuffer, logsClosed)
            Thread {
                while let data = try? handle.read(upToCount: 65_536), !data.isEmpty { buffer.data.withLock { $0.append(data) } }
                closed.signal()
            }.start()
            // The first stdout line says where it listens.
            let line = try await offThePool { try stdout.fileHandleForReading.readLine() }
            let listening = try JSONLine(String(decoding: line, as: UTF8.self))
            baseURL = listening["listening"]?.stringValue ?? ""
        }

        func stop() async throws -> Int32 {
            process.interrupt()  // SIGINT; SIGTERM behaves the same
            return try await process.waitForExit()
        }

        /// A test that ends early (a failed expectation that throws) leaves no proxy running: one
        /// would hold its log pipe, its port and its database open for the rest of the run.
        deinit {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
    }

    func chat(_ proxy: RunningProxy) async throws -> Int {
        var request = HTTPClientRequest(url: proxy.baseURL + "/chat/completions")
        request.method = .POST
        request.headers.add(name: "authorization", value: "Bearer \(proxy.key)")
        request.body = .bytes(ByteBuffer(string: #"{"model":"mock-chat","messages":[{"role":"user","content":"count me"}]}"#))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        return Int(response.status.code)
    }

    @Test func everyRequestIsTracedAfterAGracefulStop() async throws {
        let proxy = try await RunningProxy()
        #expect(proxy.baseURL.hasPrefix("http://127.0.0.1:"))
        let total = 1_000
        let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
            for worker in 0..<20 {
                group.addTask {
                    var codes: [Int] = []
                    for _ in stride(from: worker, to: total, by: 20) { codes.append(try await chat(proxy)) }
                    return codes
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(statuses.count == total && statuses.allSatisfy { $0 == 200 })
        #expect(try await proxy.stop() == 0)

        let database = try await Database.connect(
            .sqlite(path: proxy.folder.appendingPathComponent("brokle.db").path), logger: TestDatabase.logger)
        let row = try await database.sql.raw(
            "SELECT count(*) AS n, CAST(sum(tokens_out) AS BIGINT) AS tokens FROM traces WHERE endpoint = 'chat.completions'"
        ).first()
        await database.close()
        #expect(try row?.decode(column: "n", as: Int.self) == total)
        #expect(try row?.decode(column: "tokens", as: Int.self) == total * 16)
        let logs = try await proxy.allLogs()
        #expect(!logs.contains(proxy.key) && !logs.contains(String(proxy.key.split(separator: "_").last ?? "")))
    }

    @Test func aStreamInFlightFinishesAfterSIGTERM() async throws {
        let proxy = try await RunningProxy(
            yaml: """
                providers:
                  mock: { kind: mock, chunk_interval: 20ms, completion_tokens: 40 }
                models:
                  mock-chat: { provider: mock }
                """)
        var request = HTTPClientRequest(url: proxy.baseURL + "/chat/completions")
        request.method = .POST
        request.headers.add(name: "authorization", value: "Bearer \(proxy.key)")
        request.body = .bytes(ByteBuffer(string: #"{"model":"mock-chat","stream":true,"messages":[{"role":"user","content":"long"}]}"#))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        var iterator = response.body.makeAsyncIterator()
        var received = String(buffer: try #require(try await iterator.next()))
        proxy.process.terminate()  // SIGTERM while the stream has most of its 800 ms to go
        while let chunk = try await iterator.next() { received += String(buffer: chunk) }
        #expect(received.hasSuffix("data: [DONE]\n\n"), "the stream ran to its end")
        #expect(received.components(separatedBy: "\n\n").count > 40)
        #expect(try await proxy.process.waitForExit() == 0)
        let database = try await Database.connect(
            .sqlite(path: proxy.folder.appendingPathComponent("brokle.db").path), logger: TestDatabase.logger)
        let status = try await database.sql.raw("SELECT status FROM traces").first()?.decode(column: "status", as: String.self)
        await database.close()
        #expect(status == "ok")
    }

    @Test func theStandaloneExecutableRunsTheSameGateway() async throws {
        let standalone = BrokleBinary.url.deletingLastPathComponent().appendingPathComponent("brokle-proxy")
        let proxy = try await RunningProxy(executable: standalone, arguments: [])
        #expect(try await chat(proxy) == 200)
        #expect(try await proxy.stop() == 0)
    }

    @Test func badGatewayConfigurationFailsFastWithTheFileAndKey() async throws {
        let folder = try BrokleBinary.scratchDirectory()
        #expect(try await BrokleBinary.run(["migrate", "up"], in: folder).status == 0)
        try "providers:\n  up: { kind: openai, base_url: 'http://x/v1', api_key: '${NOT_SET_ANYWHERE}' }\n"
            .write(to: folder.appendingPathComponent("brokle.yaml"), atomically: true, encoding: .utf8)
        let result = try await BrokleBinary.run(["proxy", "--port", "0"], in: folder)
        #expect(result.status == 3)
        #expect(result.stdout.isEmpty)
        #expect(
            try result.errorLine()?["error"]?["message"]?.stringValue?.contains("brokle.yaml:2: ${NOT_SET_ANYWHERE} is not set") == true)

        let unmigrated = try await BrokleBinary.run(["proxy", "--port", "0"], in: try BrokleBinary.scratchDirectory())
        #expect(unmigrated.status == 9)
        #expect(try unmigrated.errorLine()?["error"]?["hint"]?.stringValue?.contains("--migrate") == true)
    }

    static var pythonSDKAvailable: Bool { pythonModuleAvailable("openai") }
    static var anthropicSDKAvailable: Bool { pythonModuleAvailable("anthropic") }

    static func pythonModuleAvailable(_ module: String) -> Bool {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import \(module)"]
        check.standardOutput = FileHandle.nullDevice
        check.standardError = FileHandle.nullDevice
        guard (try? check.run()) != nil else { return false }
        check.waitUntilExit()
        return check.terminationStatus == 0
    }

    /// The official OpenAI Python SDK, unmodified, against the proxy. CI installs it (`.ci/run`)
    /// and sets BROKLE_REQUIRE_PYTHON_SDK so a missing SDK fails rather than skips.
    @Test(.enabled(if: pythonSDKAvailable || ProcessInfo.processInfo.environment["BROKLE_REQUIRE_PYTHON_SDK"] == "1"))
    func theOfficialOpenAIPythonSDKWorksUnmodified() async throws {
        #expect(Self.pythonSDKAvailable, "pip install openai")
        let proxy = try await RunningProxy()
        try await Self.runPythonCheck(
            "openai_sdk_check.py", environment: ["BROKLE_BASE_URL": proxy.baseURL, "BROKLE_KEY": proxy.key], checks: 9)
        #expect(try await proxy.stop() == 0)
    }

    /// The official Anthropic Python SDK, unmodified, against `/v1/messages` (served by the mock
    /// through the same routing). Required in CI like the OpenAI SDK.
    @Test(.enabled(if: anthropicSDKAvailable || ProcessInfo.processInfo.environment["BROKLE_REQUIRE_PYTHON_SDK"] == "1"))
    func theOfficialAnthropicPythonSDKWorksAgainstMessages() async throws {
        #expect(Self.anthropicSDKAvailable, "pip install anthropic")
        let proxy = try await RunningProxy()
        let root = proxy.baseURL.hasSuffix("/v1") ? String(proxy.baseURL.dropLast(3)) : proxy.baseURL
        try await Self.runPythonCheck("anthropic_sdk_check.py", environment: ["BROKLE_ROOT_URL": root, "BROKLE_KEY": proxy.key], checks: 6)
        #expect(try await proxy.stop() == 0)
    }

    /// Runs `Tests/python/<script>` and expects it to exit 0 having passed `checks` checks.
    static func runPythonCheck(_ script: String, environment: [String: String], checks: Int) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repository.root.appendingPathComponent("Tests/python/" + script).path]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let (text, status) = try await offThePool {
            try Process.inSlot {
                try process.run()
                let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                return (text, process.terminationStatus)
            }
        }
        #expect(status == 0, "\(text)")
        #expect(text.components(separatedBy: "\"ok\": true").count - 1 == checks, "\(text)")
    }
}
