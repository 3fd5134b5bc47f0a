@testable import BrokleStorage
@testable import BrokleGateway
@testable import BrokleCLIKit
import Foundation
import SQLKit
import Testing

/// A SQLite database that takes no writes (read-only, as a full disk is to the trace writer): keys
/// are still checked (reads work), answers still flow, traces wait in the queue and are all written
/// once writes work again.
@Suite struct GatewayReadOnlyDatabaseTests {
    static let chat = #"{"model":"mock-chat","messages":[{"role":"user","content":"hello"}]}"#

    @Test func tracesWaitOutAReadOnlyDatabaseAndAreWrittenOnceItTakesWritesAgain() async throws {
        try await GatewayHarness.run { gateway in
            #expect(try await gateway.call("/v1/chat/completions", body: Self.chat).status == 200)
            #expect(try await gateway.traces(atLeast: 1).count == 1)
            // Every write on the writer's connections (SQLiteNIO's, and the trace writer's own) now
            // fails with SQLITE_READONLY. (A full disk, SQLITE_FULL, takes the same path; it cannot be
            // made reliably in a test: rows still fit in pages the file already has.)
            let writer = gateway.gateway.writer
            let traceConnection = try #require(writer.traceConnection)
            try await writer.sql.raw("PRAGMA query_only = ON").run()
            try await traceConnection.execute("PRAGMA query_only = ON")
            for _ in 0..<30 {
                #expect(
                    try await gateway.call("/v1/chat/completions", body: Self.chat).status == 200,
                    "answers do not depend on the trace writer")
            }
            _ = await gateway.gateway.traceWriter.flush()
            let stored = try await gateway.database.sql.raw("SELECT count(*) AS n FROM traces").first()?.decode(column: "n", as: Int.self)
            #expect(stored == 1, "nothing written while the database is read-only")
            #expect(gateway.gateway.traceWriter.lostCount == 0, "kept, not dropped")
            #expect(gateway.gateway.monitor.isUp, "reads still work, so keys are still checked")
            let metrics = String(decoding: gateway.gateway.metrics.exposition(), as: UTF8.self)
            #expect(metrics.contains(#"brokle_database_errors_total{operation="write_traces"}"#))

            try await writer.sql.raw("PRAGMA query_only = OFF").run()
            try await traceConnection.execute("PRAGMA query_only = OFF")
            #expect(try await gateway.traces(atLeast: 31).count == 31)
        }
    }
}
