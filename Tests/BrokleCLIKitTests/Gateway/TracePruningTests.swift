@testable import BrokleCore
@testable import BrokleGateway
@testable import BrokleSettings
@testable import BrokleStorage
import Foundation
import Logging
import Synchronization
import Testing

/// The proxy's background pruning: what it removes is counted in `/metrics`, and a database that
/// refuses is logged once when pruning starts failing and once when it works again.
@Suite struct TracePruningTests {
    /// Log messages at warning and info, kept for the test to read.
    final class Messages: Sendable {
        let lines = Mutex<[String]>([])
    }

    struct Capture: LogHandler {
        let messages: Messages
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(
            level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String,
            line: UInt
        ) {
            messages.lines.withLock { $0.append("\(level) \(message)") }
        }
    }

    @Test func prunesCountsAndLogsAnOutageOnceEachWay() async throws {
        try await TestDatabase.sqlite.withMigrated { _, database in
            let now = Date()
            let messages = Messages()
            let logger = Logger(label: "test") { _ in Capture(messages: messages) }
            let metrics = GatewayMetrics()
            let pruning = TracePruning(database: database, settings: RequestLogSettings(), metrics: metrics, logger: logger)
            try await TraceStore(database).insert([
                TracePrunerTests.trace("old", age: 40 * 86_400, now: now), TracePrunerTests.trace("new", age: 60, now: now),
            ])

            try await database.sql.raw("PRAGMA query_only = ON").run()
            await pruning.prune()
            await pruning.prune()
            try await database.sql.raw("PRAGMA query_only = OFF").run()
            await pruning.prune()

            let exposition = String(decoding: metrics.exposition(), as: UTF8.self)
            #expect(exposition.contains("brokle_pruned_rows_total{table=\"traces\"} 1"))
            #expect(exposition.contains("brokle_pruned_rows_total{table=\"trace_contents\"} 1"))
            #expect(exposition.contains("brokle_prune_last_success_timestamp_seconds"))
            #expect(exposition.contains("brokle_database_errors_total{operation=\"prune_traces\"} 2"))
            let lines = messages.lines.withLock { $0 }
            #expect(lines.filter { $0.contains("trace pruning failed") }.count == 1)
            #expect(lines.filter { $0.contains("trace pruning works again") }.count == 1)
            #expect(try await TracePrunerTests.ids("traces", database) == ["new"])
        }
    }

    /// The running proxy prunes on its own, every interval, beside its trace writer.
    @Test(arguments: TestDatabase.available)
    func theProxyPrunesInTheBackground(kind: TestDatabase) async throws {
        try await GatewayHarness.run(kind, configure: { $0.requestLogs.pruneInterval = 0.1 }) { gateway in
            let now = Date()
            try await TraceStore(gateway.database).insert([
                TracePrunerTests.trace("old", age: 40 * 86_400, now: now), TracePrunerTests.trace("new", age: 60, now: now),
            ])
            // Until a pass has removed it and counted it (the count comes when the pass has ended):
            // each check is a database round trip.
            func counted() -> Bool {
                String(decoding: gateway.gateway.metrics.exposition(), as: UTF8.self).contains(#"brokle_pruned_rows_total{table="traces"}"#)
            }
            let deadline = ContinuousClock.now + .seconds(30)
            while try await TracePrunerTests.ids("traces", gateway.database).contains("old") || !counted(), ContinuousClock.now < deadline {
            }
            #expect(try await TracePrunerTests.ids("traces", gateway.database) == ["new"])
            #expect(counted())
        }
    }
}
