import Foundation
import Testing
@testable import BrokleCLIKit

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
        for _ in 0..<5 {
            let cluster = PrivatePostgres(folder: folder, port: Int.random(in: 56_000..<60_000))
            if (try? await cluster.run("start")) != nil { return cluster }
        }
        throw BrokleError(.databaseUnavailable, "could not start a private PostgreSQL cluster in \(folder)")
    }

    func stop() async throws { try await run("stop") }
    func resume() async throws { try await run("start") }

    /// Stops the server and removes its files.
    func destroy() async {
        try? await stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func run(_ command: String) async throws {
        let script = Repository.root.appendingPathComponent("scripts/pg-cluster.sh").path
        var environment = ProcessInfo.processInfo.environment
        environment["PGDIR"] = folder
        environment["PGPORT"] = String(port)
        let status = try await offThePool { [environment] in
            try Self.spawnAndWait(["/bin/bash", script, command], environment: environment)
        }
        guard status == 0 else { throw BrokleError(.databaseUnavailable, "pg-cluster.sh \(command) exited \(status)") }
    }

    /// posix_spawn and waitpid, not Foundation's Process: the server that `pg_ctl start` leaves
    /// running inherits the descriptor Process watches for its child's exit, so Process would wait
    /// for the server to stop.
    private static func spawnAndWait(_ arguments: [String], environment: [String: String]) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
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
