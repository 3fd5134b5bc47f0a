@testable import BrokleCLIKit
@testable import BrokleCore
@testable import BrokleGateway
@testable import BrokleSettings
@testable import BrokleStorage
import Foundation
import Testing

@Suite struct TraceWriterTests {
    static func trace(_ id: String) -> TraceRecord {
        DemoTraces(profile: "t", targets: [.init(organizationID: "o", projectID: "p", environmentID: "e", apiKeyID: "k")], now: Date())
            .traces(0..<1)[0].with(id: id)
    }

    static func settings(capacity: Int = 50_000, spill: String) -> GatewaySettings {
        var settings = GatewaySettings(catalog: .defaults(openAIKey: nil), catalogSource: "test")
        settings.traceQueueCapacity = capacity
        settings.spillDirectory = spill
        return settings
    }

    static func scratch() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("brokle-spill-\(UUID().uuidString)").path
    }

    @Test func aFullQueueSpillsToDiskInsteadOfDroppingAndTheSpillIsIngestedOnce() async throws {
        try await TestDatabase.sqlite.withMigrated { _, database in
            let folder = Self.scratch()
            let writer = TraceWriter(
                store: TraceStore(database), keys: KeyStore(database), usage: KeyUsageRecorder(),
                settings: Self.settings(capacity: 3, spill: folder), metrics: GatewayMetrics(), logger: TestDatabase.logger)
            let accepted = (0..<5).map { writer.enqueue(Self.trace("t\($0)")) }
            #expect(accepted == [true, true, true, true, true], "nothing is refused")
            #expect(writer.spilledCount == 4, "the fourth trace found the queue full and spilled it with itself")
            #expect(writer.lostCount == 0)
            #expect(writer.queuedCount == 1)
            #expect(TraceSpill(directory: folder).pending().count == 1)
            await writer.flush()
            await writer.ingestSpilled()
            await writer.ingestSpilled()
            let stored = try await TraceStore(database).count(idPrefix: "t")
            #expect(stored == 5)
            #expect(TraceSpill(directory: folder).pending().isEmpty)
            let metrics = String(decoding: writer.metrics.exposition(), as: UTF8.self)
            #expect(metrics.contains("brokle_traces_spilled_total 4"))
            #expect(metrics.contains("brokle_traces_ingested_total 4"))
        }
    }

    /// With content captured, the queue is bounded by bytes too: a slow database must not hold
    /// gigabytes of prompts in memory. Past the bound the queue is spilled, content and all.
    @Test func capturedContentPastTheByteBoundSpillsTheQueue() async throws {
        try await TestDatabase.sqlite.withMigrated { _, database in
            let folder = Self.scratch()
            var settings = Self.settings(spill: folder)
            settings.traceQueueContentBytes = 10_000
            let writer = TraceWriter(
                store: TraceStore(database), keys: KeyStore(database), usage: KeyUsageRecorder(), settings: settings,
                metrics: GatewayMetrics(), logger: TestDatabase.logger)
            for index in 0..<3 {
                var trace = Self.trace("c\(index)")
                trace.content = TraceContent(mode: .full, request: String(repeating: "q", count: 4_000), response: "a")
                #expect(writer.enqueue(trace))
            }
            #expect(writer.spilledCount == 3 && writer.queuedCount == 0, "12,000 bytes of content past a 10,000-byte bound")
            await writer.ingestSpilled()
            let stored = try await database.count("SELECT count(*) AS n FROM trace_contents")
            #expect(stored == 3, "spilled with its content")
        }
    }

    @Test func aSpillFolderThatCannotBeWrittenCountsTheTracesAsLost() async throws {
        try await TestDatabase.sqlite.withMigrated { _, database in
            // A regular file where the folder should be: the spill cannot be created.
            let blocker = Self.scratch()
            try Data().write(to: URL(fileURLWithPath: blocker))
            let writer = TraceWriter(
                store: TraceStore(database), keys: KeyStore(database), usage: KeyUsageRecorder(),
                settings: Self.settings(capacity: 2, spill: blocker), metrics: GatewayMetrics(), logger: TestDatabase.logger)
            let accepted = (0..<3).map { writer.enqueue(Self.trace("l\($0)")) }
            #expect(accepted == [true, true, false])
            #expect(writer.lostCount == 3)
            #expect(String(decoding: writer.metrics.exposition(), as: UTF8.self).contains("brokle_traces_dropped_total 3"))
        }
    }

    @Test func stoppingWithTheDatabaseUnwritableSpillsTracesAndKeyUse() async throws {
        try await TestDatabase.sqlite.withMigrated { _, database in
            let folder = Self.scratch()
            let usage = KeyUsageRecorder()
            let writer = TraceWriter(
                store: TraceStore(database), keys: KeyStore(database), usage: usage,
                settings: Self.settings(spill: folder), metrics: GatewayMetrics(), logger: TestDatabase.logger)
            writer.enqueue(Self.trace("s1"))
            writer.enqueue(Self.trace("s2"))
            usage.record(keyID: "k", at: Date(timeIntervalSince1970: 1_800_000_000))
            // The trace table cannot take rows (as with a full or read-only disk): the final write fails.
            try await database.sql.raw("ALTER TABLE trace_rows RENAME TO trace_rows_away").run()
            try await database.sql.raw("ALTER TABLE api_keys RENAME TO api_keys_away").run()
            await writer.shutDown()
            #expect(writer.lostCount == 0)
            let files = TraceSpill(directory: folder).pending()
            #expect(files.count == 1)
            let contents = try TraceSpill.read(try #require(files.first))
            #expect(contents.traces.map(\.id).sorted() == ["s1", "s2"])
            #expect(contents.keyUsage["k"] == Date(timeIntervalSince1970: 1_800_000_000))
            #expect(contents.invalidLines == 0)
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
