import Foundation
import SQLKit
import Testing
@testable import BrokleCLIKit

/// A SQLite database whose disk is full: keys are still checked (reads work), answers still flow,
/// traces wait in the queue and are all written once there is room again.
@Suite struct GatewayDiskFullTests {
    static let chat = #"{"model":"mock-chat","messages":[{"role":"user","content":"hello"}]}"#

    @Test func tracesWaitOutAFullDiskAndAreWrittenOnceThereIsRoom() async throws {
        try await GatewayHarness.run { gateway in
            #expect(try await gateway.call("/v1/chat/completions", body: Self.chat).status == 200)
            #expect(try await gateway.traces(atLeast: 1).count == 1)
            // The writer's connection may not grow the file: every insert fails with SQLITE_FULL.
            let writer = gateway.gateway.writer
            let pages = try await writer.sql.raw("PRAGMA page_count").first()?.decode(column: "page_count", as: Int.self) ?? 0
            try await writer.sql.raw("PRAGMA max_page_count = \(unsafeRaw: String(pages))").run()
            for _ in 0..<30 {
                #expect(try await gateway.call("/v1/chat/completions", body: Self.chat).status == 200, "answers do not depend on the trace writer")
            }
            let written = await gateway.gateway.traceWriter.flush()
            #expect(!written)
            #expect(gateway.gateway.traceWriter.queuedCount == 30, "kept, not dropped")
            #expect(gateway.gateway.traceWriter.lostCount == 0)
            #expect(gateway.gateway.monitor.isUp, "reads still work, so keys are still checked")
            let metrics = String(decoding: gateway.gateway.metrics.exposition(), as: UTF8.self)
            #expect(metrics.contains(#"brokle_database_errors_total{operation="write_traces"}"#))

            try await writer.sql.raw("PRAGMA max_page_count = 1073741823").run()
            #expect(try await gateway.traces(atLeast: 31).count == 31)
        }
    }
}
