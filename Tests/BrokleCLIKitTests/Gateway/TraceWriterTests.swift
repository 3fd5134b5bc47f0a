import Foundation
import Testing
@testable import BrokleCLIKit

@Suite struct TraceWriterTests {
    static func trace(_ id: String) -> TraceRecord {
        DemoTraces(profile: "t", targets: [.init(organizationID: "o", projectID: "p", environmentID: "e", apiKeyID: "k")], now: Date())
            .traces(0..<1)[0].with(id: id)
    }

    @Test func aFullQueueDropsAndCountsInsteadOfWaiting() async throws {
        try await TestDatabase.sqlite.withMigrated { _, database in
            var settings = GatewaySettings(catalog: .defaults(openAIKey: nil), catalogSource: "test")
            settings.traceQueueCapacity = 3
            let writer = TraceWriter(store: TraceStore(database), keys: KeyStore(database), usage: KeyUsageRecorder(),
                                     settings: settings, metrics: GatewayMetrics(), logger: TestDatabase.logger)
            let accepted = (0..<5).map { writer.enqueue(Self.trace("t\($0)")) }
            #expect(accepted == [true, true, true, false, false])
            #expect(writer.droppedCount == 2)
            await writer.flush()
            #expect(writer.queuedCount == 0)
            let stored = try await TraceStore(database).count(idPrefix: "t")
            #expect(stored == 3)
            #expect(String(decoding: writer.metrics.exposition(), as: UTF8.self).contains("brokle_traces_dropped_total 2"))
        }
    }
}

extension TraceRecord {
    func with(id: String) -> TraceRecord {
        var copy = self
        copy.id = id
        return copy
    }
}
