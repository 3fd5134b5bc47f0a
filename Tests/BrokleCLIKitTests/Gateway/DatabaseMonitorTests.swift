@testable import BrokleCore
@testable import BrokleGateway
@testable import BrokleSettings
@testable import BrokleStorage
import Foundation
import Testing

/// What marks the gateway's database down and up again, as requests and the trace writer report it.
@Suite struct DatabaseMonitorTests {
    static func monitor(_ database: Database) -> DatabaseMonitor {
        DatabaseMonitor(
            database: database, settings: GatewaySettings(catalog: .defaults(openAIKey: nil), catalogSource: "test"),
            metrics: GatewayMetrics(), logger: TestDatabase.logger)
    }

    static let lost = BrokleError(.databaseUnavailable, "could not write traces: connection closed")

    @Test func aFailureOfACallBegunBeforeTheRecoveryLeavesTheDatabaseUp() async throws {
        try await TestDatabase.sqlite.withMigrated { _, database in
            let monitor = Self.monitor(database)
            let beforeOutage = ContinuousClock.now
            try await Task.sleep(for: .milliseconds(5))
            #expect(monitor.failed(.writeTraces, Self.lost, started: .now), "a call begun now that cannot reach it marks it down")
            #expect(!monitor.isUp)
            let duringOutage = ContinuousClock.now
            #expect(monitor.failed(.writeTraces, Self.lost, started: beforeOutage), "while down, any failure finds it down")

            try await Task.sleep(for: .milliseconds(5))
            monitor.succeeded()
            #expect(monitor.isUp)
            // A trace batch begun during the outage, its lease cut when the pool was renewed.
            #expect(!monitor.failed(.writeTraces, Self.lost, started: duringOutage))
            #expect(monitor.isUp, "a failure begun before the database came back says nothing about now")

            #expect(monitor.failed(.authenticate, Self.lost, started: .now))
            #expect(!monitor.isUp, "a call begun after the recovery that cannot reach it marks it down again")
        }
    }

    @Test func aFailingStatementIsCountedButSaysNothingOfReachability() async throws {
        try await TestDatabase.sqlite.withMigrated { _, database in
            let monitor = Self.monitor(database)
            #expect(!monitor.failed(.writeTraces, BrokleError(.database, "could not write traces: no such table"), started: .now))
            #expect(monitor.isUp)
            let metrics = String(decoding: monitor.metrics.exposition(), as: UTF8.self)
            #expect(metrics.contains(#"brokle_database_errors_total{operation="write_traces"} 1"#))
        }
    }
}
