@testable import BrokleCore
import Foundation
import Testing

/// A PostgreSQL cluster of one test's own, which the test may stop and start (an outage) without
/// disturbing the shared test server. Built with `scripts/pg-cluster.sh` on a port of its own.
final class PrivatePostgres: Sendable {
    let folder: String
    let port: Int
    var url: String { "postgres://postgres@127.0.0.1:\(port)/postgres?sslmode=disable" }

    /// Whether the PostgreSQL server binaries are installed (CI installs them and sets
    /// BROKLE_REQUIRE_POSTGRES, so there a missing server fails instead of skipping).
    static var available: Bool {
        if ProcessInfo.processInfo.environment["BROKLE_REQUIRE_POSTGRES"] == "1" { return true }
        return (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql"))?.isEmpty == false
    }

    private init(folder: String, port: Int) {
        self.folder = folder
        self.port = port
    }

    /// Creates and starts a cluster in a new folder.
    static func start() async throws -> PrivatePostgres {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brokle-pg-" + UUID().uuidString.prefix(8)).path
        var failure: (any Error)?
        for _ in 0..<5 {
            let cluster = PrivatePostgres(folder: folder, port: Int.random(in: Self.ports))
            do {
                try await cluster.run("start")
                return cluster
            } catch {
                failure = error
            }
        }
        throw BrokleError(
            .databaseUnavailable, "could not start a private PostgreSQL cluster in \(folder): \(failure.map { "\($0)" } ?? "")")
    }

    /// Ports below the kernel's ephemeral range. The cluster is stopped and started again on its
    /// port while the test process dials thousands of connections; a port inside the ephemeral
    /// range can be taken in between as a connection's local port, and the restart then fails.
    static var ports: Range<Int> {
        let range = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)) ?? ""
        let low = range.split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) } ?? 32_768
        return 20_000..<max(20_100, min(low, 32_768))
    }

    func stop() async throws { try await run("stop") }
    func resume() async throws { try await run("start") }

    /// Stops the server and removes its files.
    func destroy() async {
        try? await stop()
        try? FileManager.default.removeItem(atPath: folder)
        for command in ["start", "stop"] { try? FileManager.default.removeItem(atPath: folder + "-\(command).out") }
    }

    private func run(_ command: String) async throws {
        let script = Repository.root.appendingPathComponent("scripts/pg-cluster.sh").path
        var environment = ProcessInfo.processInfo.environment
        environment["PGDIR"] = folder
        environment["PGPORT"] = String(port)
        // The script's output goes to a file beside the cluster, quoted when it fails.
        let output = folder + "-\(command).out"
        let status = try await offThePool { [environment] in
            try Self.spawnAndWait(["/bin/bash", script, command], environment: environment, output: output)
        }
        guard status == 0 else {
            let said = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            throw BrokleError(.databaseUnavailable, "pg-cluster.sh \(command) on port \(port) exited \(status): \(said.suffix(2_000))")
        }
    }

    /// posix_spawn and waitpid, not Foundation's Process: the server that `pg_ctl start` leaves
    /// running inherits the descriptor Process watches for its child's exit, so Process would wait
    /// for the server to stop.
    private static func spawnAndWait(_ arguments: [String], environment: [String: String], output: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, envp)
        guard spawned == 0 else { throw BrokleError(.internalError, "could not start \(arguments[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status >> 8) & 0xFF
    }
}
