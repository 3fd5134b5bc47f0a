import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// The PostgresNIO ``PostgresClient`` behind a PostgreSQL ``Database``, and the means to replace it.
///
/// The client reconnects by itself, but after a long outage its back-off between connection
/// attempts grows to a minute, so the first request after the server returns could wait that long.
/// The gateway's database monitor probes the server directly while it is down and, once it answers,
/// calls ``renew()``: a fresh client with no back-off takes the old one's place.
final class PostgresPool: Sendable {
    private struct Current {
        var client: PostgresClient
        var runner: Task<Void, Never>
        var closed = false
    }

    let configuration: PostgresClient.Configuration
    /// For a direct probe that bypasses the pool.
    let probeConfiguration: PostgresConnection.Configuration
    let logger: Logger
    private let current: Mutex<Current>

    init(configuration: PostgresClient.Configuration, probeConfiguration: PostgresConnection.Configuration, logger: Logger) {
        self.configuration = configuration
        self.probeConfiguration = probeConfiguration
        self.logger = logger
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        current = Mutex(Current(client: client, runner: Task { await client.run() }))
    }

    var client: PostgresClient { current.withLock { $0.client } }

    /// Opens one connection outside the pool, runs `SELECT 1` and closes it.
    func probe() async throws {
        let connection = try await PostgresConnection.connect(configuration: probeConfiguration, id: 0, logger: logger)
        do {
            try await connection.query("SELECT 1", logger: logger)
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
    }

    /// Swaps in a fresh client; the old one is closed (its leases in flight fail, and their callers
    /// retry as they would after any database error).
    func renew() {
        let fresh = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let old = current.withLock { current -> Task<Void, Never>? in
            guard !current.closed else { return nil }
            let old = current.runner
            current = Current(client: fresh, runner: Task { await fresh.run() })
            return old
        }
        old?.cancel()
    }

    func close() async {
        let runner = current.withLock { current -> Task<Void, Never> in
            current.closed = true
            return current.runner
        }
        runner.cancel()
        await runner.value
    }
}
