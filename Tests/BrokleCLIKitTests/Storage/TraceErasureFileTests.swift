@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Synchronization
import Testing

/// Erased means gone from the SQLite file and its write-ahead log, not only from the tables — also
/// while the proxy's trace writer keeps writing to the same file through its own connection.
@Suite struct TraceErasureFileTests {
    typealias Fixture = ErasureFixture

    /// The bytes of the database file and its `-wal`.
    static func fileBytes(_ url: String) throws -> Data {
        guard case .sqlite(let path) = try DatabaseURL(parsing: url) else { throw BrokleError(.config, "not a SQLite file") }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        if let wal = FileManager.default.contents(atPath: path + "-wal") { bytes.append(wal) }
        return bytes
    }

    static func walSize(_ url: String) throws -> Int {
        guard case .sqlite(let path) = try DatabaseURL(parsing: url) else { return -1 }
        return (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
    }

    final class Flag: Sendable { let value = Atomic<Bool>(false) }

    static func contains(_ bytes: Data, _ text: String) -> Bool { bytes.range(of: Data(text.utf8)) != nil }

    @Test func erasedValuesAreAbsentFromTheFileAndItsLog() async throws {
        try await TestDatabase.sqlite.withMigrated { url, database in
            // Enough traces (written by the trace writer's own connection) that pages split and move.
            let fixture = try await Fixture.make(database, count: 600)
            let alices = fixture.traces.filter { $0.endUser == Fixture.alice && $0.content != nil }.map(\.id)
            let bobs = fixture.traces.filter { $0.endUser == Fixture.bob && $0.content != nil }.map(\.id)
            let before = try Self.fileBytes(url)
            #expect(Self.contains(before, Fixture.alice) && Self.contains(before, Fixture.secret(alices[0])), "the check sees stored text")

            // Another connection erases, as `brokle trace purge` does beside a running proxy.
            let purger = try await Database.connect(try DatabaseURL(parsing: url), logger: TestDatabase.logger)
            let counts = try await TraceErasure(purger, batchSize: 50).erase(
                .endUser(Fixture.alice, organizationID: nil), contentOnly: false)
            try await ErasureScrub(purger).afterErasure(contentOnly: false, days: [])
            await purger.close()
            #expect(counts.contentsDeleted == alices.count && counts.cacheEntriesDeleted == 2)

            #expect(try Self.walSize(url) == 0, "the log was checkpointed and truncated")
            let after = try Self.fileBytes(url)
            #expect(!Self.contains(after, Fixture.alice))
            #expect(alices.allSatisfy { !Self.contains(after, Fixture.secret($0)) })
            #expect(Self.contains(after, Fixture.bob) && bobs.allSatisfy { Self.contains(after, Fixture.secret($0)) }, "others stay")
        }
    }

    /// The purge's batches and the trace writer's take turns at the write lock (each waits within
    /// its busy timeout), the checkpoint finishes beside the writer's open connection, and nothing
    /// the writer wrote is lost or left unerased.
    @Test func thePurgeAndTheTraceWriterTakeTurns() async throws {
        try await TestDatabase.sqlite.withMigrated { url, database in
            let fixture = try await Fixture.make(database, count: 200)
            let purger = try await Database.connect(try DatabaseURL(parsing: url), logger: TestDatabase.logger)
            let writerDone = Flag()
            let batches = 25
            let traces = fixture.traces
            let writer = Task {
                defer { writerDone.value.store(true, ordering: .sequentiallyConsistent) }
                var stored = 0
                for batch in 0..<batches {
                    let copies = traces.map { trace in
                        var copy = trace
                        copy.id = "w\(batch)-\(trace.id)"
                        return copy
                    }
                    stored += try await TraceStore(database).insert(copies)
                }
                return stored
            }
            var purges = 0
            repeat {
                _ = try await TraceErasure(purger, batchSize: 100).erase(.endUser(Fixture.alice, organizationID: nil), contentOnly: false)
                try await ErasureScrub(purger).afterErasure(contentOnly: false, days: [])
                purges += 1
            } while !writerDone.value.load(ordering: .sequentiallyConsistent)
            #expect(try await writer.value == batches * fixture.traces.count)
            #expect(purges >= 1)

            // What the writer stored after the last pass is erased by one more; nothing was lost.
            _ = try await TraceErasure(purger).erase(.endUser(Fixture.alice, organizationID: nil), contentOnly: false)
            try await ErasureScrub(purger).afterErasure(contentOnly: false, days: [])
            await purger.close()
            let count = try await database.count("SELECT count(*) AS n FROM traces")
            #expect(count == (batches + 1) * fixture.traces.count)
            #expect(try await database.count("SELECT count(*) AS n FROM traces WHERE end_user = \(bind: Fixture.alice)") == 0)
            #expect(!Self.contains(try Self.fileBytes(url), Fixture.alice))
        }
    }
}
