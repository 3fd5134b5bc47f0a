import Foundation
import Testing

/// In CI a missing PostgreSQL must fail the run, never silently shrink the storage tests to SQLite.
@Test func postgresIsConfiguredWhenRunningInCI() {
    let environment = ProcessInfo.processInfo.environment
    if environment["CI"] != nil || environment["BROKLE_REQUIRE_POSTGRES"] == "1" {
        #expect(TestDatabase.postgresAdminURL != nil, "BROKLE_TEST_POSTGRES_URL must name a PostgreSQL server in CI")
    }
}
