@testable import BrokleCLIKit
@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import Testing

/// The trace writer's natively bound inserts, on both databases: every column as written, ids
/// stored once however often they come, hourly totals counted once, attempts kept, and batches
/// past one statement and one transaction.
@Suite struct TraceStoreTests {
    static let target = DemoTraces.Target(organizationID: "o", projectID: "p", environmentID: "e", apiKeyID: "k")

    /// A trace with every optional column set, and one with every optional column NULL.
    static func fullAndEmpty() -> [TraceRecord] {
        // Binary fractions of a second: exact as SQLite's REAL and PostgreSQL's microseconds. A trace's
        // finished_at is its start plus its latency (migration 0016), latencies whole microseconds.
        let started = Date(timeIntervalSince1970: 1_780_000_000.25)
        let full = TraceRecord(
            id: "req_full", organizationID: "o", projectID: "p", environmentID: "e", apiKeyID: "k", endpoint: "chat.completions",
            modelRequested: "gpt-4o", provider: "azure", modelServed: "gpt-4o-2024", status: .error, httpStatus: 503,
            errorType: "upstream_unavailable", errorMessage: "it's \"overloaded\" — retry", stream: true, attempts: 2, fallback: true,
            cacheHit: true, cacheResult: "hit_semantic", cacheSimilarity: 0.9375, savedTokensIn: 120, savedTokensOut: 45,
            savedNanoUSD: 9_876_543_210, cacheEmbedNanoUSD: 1_500, latencyMs: 1234.375, ttftMs: 87.25, overheadMs: 0.125,
            tokensIn: 1_000, tokensOut: 200, tokensCached: 500, tokensCacheWrite: 7, tokensReasoning: 64,
            costNanoUSD: Int64.max / 4, costStatus: "priced", startedAt: started, finishedAt: started.addingTimeInterval(1.234375),
            attemptRecords: [
                TraceAttemptRecord(
                    attempt: 1, provider: "openai", model: "gpt-4o", status: .error, httpStatus: 503, errorType: "upstream_unavailable",
                    errorMessage: "overloaded", latencyMs: 12.5, tokensIn: 0, tokensOut: 0, costNanoUSD: nil, startedAt: started),
                TraceAttemptRecord(
                    attempt: 2, provider: "azure", model: "gpt-4o-2024", status: .ok, httpStatus: 200, errorType: nil, errorMessage: nil,
                    latencyMs: 1200.75, tokensIn: 1_000, tokensOut: 200, costNanoUSD: 42, startedAt: started.addingTimeInterval(0.5)),
            ])
        let empty = TraceRecord(
            id: "req_empty", organizationID: "o", projectID: "p", environmentID: "e", apiKeyID: "k", endpoint: "embeddings",
            modelRequested: "unknown-model", provider: nil, modelServed: nil, status: .cancelled, httpStatus: nil, errorType: nil,
            errorMessage: nil, stream: false, attempts: 0, fallback: false, cacheHit: false, latencyMs: 15.625, ttftMs: nil,
            overheadMs: nil,
            tokensIn: 0, tokensOut: 0, tokensCached: 0, tokensCacheWrite: 0, tokensReasoning: 0, costNanoUSD: nil, costStatus: nil,
            startedAt: started.addingTimeInterval(2), finishedAt: started.addingTimeInterval(2.015625), attemptRecords: [])
        return [full, empty]
    }

    @Test(arguments: TestDatabase.available)
    func everyColumnReadsBackAsWritten(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let written = Self.fullAndEmpty()
            #expect(try await TraceStore(database).insert(written) == 2)
            let read = try await TraceQueryStore(database).query(TraceFilter(), order: .asc, limit: 10, after: nil, withAttempts: true)
            #expect(read.map(\.record) == written)
        }
    }

    @Test(arguments: TestDatabase.available)
    func repeatedIDsAreStoredAndCountedOnce(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let store = TraceStore(database)
            let traces = DemoTraces(profile: "dup", targets: [Self.target], now: Date(), prices: try PriceBook.shipped()).traces(0..<40)
            // An id twice in one batch: the first one is kept.
            var changed = traces[3]
            changed.tokensIn += 1_000_000
            #expect(try await store.insert(Array(traces[0..<20]) + [changed, traces[5]]) == 20)
            // Ids already stored are skipped, new ones in the same batch stored.
            #expect(try await store.insert(Array(traces[10..<40])) == 20)
            #expect(try await store.insert(traces) == 0)

            let totals = try await CostReportStore(database).total(TraceFilter())
            #expect(totals.requests == 40)
            #expect(totals.tokensIn == traces.reduce(0) { $0 + $1.tokensIn })
            #expect(totals.errors == traces.filter { $0.status == .error }.count)
            #expect(totals.costNanoUSD ?? 0 == traces.compactMap(\.costNanoUSD).reduce(Int64(0), +))
            #expect(try await database.count("SELECT count(*) AS n FROM traces") == 40)
            let attempts = traces.reduce(0) { $0 + $1.attemptRecords.count }
            #expect(try await database.count("SELECT count(*) AS n FROM trace_attempts") == attempts)
        }
    }

    @Test(arguments: TestDatabase.available)
    func batchesPastOneStatementAndOneTransaction(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let count = TraceStore.batchSize + 1_234
            var traces = DemoTraces(profile: "big", targets: [Self.target], now: Date(), prices: try PriceBook.shipped()).traces(0..<count)
            // The same id at both ends: in two transactions, stored by the first.
            traces.append(traces[0])
            #expect(try await TraceStore(database).insert(traces) == count)
            #expect(try await database.count("SELECT count(*) AS n FROM traces") == count)
            let attempts = traces.dropLast().reduce(0) { $0 + $1.attemptRecords.count }
            #expect(attempts > SQLiteTraceStatements.rows(columns: TraceRows.attemptColumns.count))
            #expect(try await database.count("SELECT count(*) AS n FROM trace_attempts") == attempts)
            let totals = try await CostReportStore(database).total(TraceFilter())
            #expect(totals.requests == count)
            #expect(totals.tokensOut == traces.dropLast().reduce(0) { $0 + $1.tokensOut })
            // Traces at statement edges come back with their attempts (dates are rounded to microseconds
            // on the way back, so compared by id and attempts).
            let query = TraceQueryStore(database)
            for index in [0, 255, 256, 999, 1_000, count - 1] {
                var filter = TraceFilter()
                filter.since = traces[index].startedAt.addingTimeInterval(-0.001)
                filter.until = traces[index].startedAt.addingTimeInterval(0.001)
                let read = try await query.query(filter, order: .asc, limit: 50, after: nil, withAttempts: true)
                let found = read.first { $0.record.id == traces[index].id }
                #expect(found?.record.attemptRecords.map(\.provider) == traces[index].attemptRecords.map(\.provider), "trace \(index)")
                #expect(found?.record.tokensIn == traces[index].tokensIn)
            }
        }
    }

    /// Captured content can be megabytes a trace: its rows go in statements of bounded size
    /// (``TraceStatements/statementBytes``), every one stored whole.
    @Test(arguments: TestDatabase.available)
    func largeContentsAreStoredWholeInBoundedStatements(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            var traces = DemoTraces(profile: "large", targets: [Self.target], now: Date(), prices: try PriceBook.shipped()).traces(0..<5)
            for index in traces.indices {
                let request = String(repeating: "q\(index)", count: 2_000_000)
                traces[index].content = TraceContent(
                    mode: .full, request: request, response: String(repeating: "a", count: 100_000 + index))
            }
            #expect(traces.reduce(0) { $0 + ($1.content?.request.utf8.count ?? 0) } > 2 * PostgresTraceStatements.statementBytes)
            #expect(try await TraceStore(database).insert(traces) == traces.count)
            let query = TraceQueryStore(database)
            for trace in traces {
                let stored = try #require(try await query.content(of: trace.id))
                #expect(stored == trace.content, "trace \(trace.id)")
            }
        }
    }

    /// Statements of rows that say their bytes end before passing the bound, one row at least.
    @Test func slicesEndBeforeTheirBytesPassTheBound() async throws {
        struct Recorder: TraceStatements {
            static let maximumRows = 10_000
            static let maximumBinds = 65_535
            static let traceKey = "id"
            static let contentKey = "trace_id"
            static func placeholder(_ index: Int) -> String { "?" }
            func run(_ sql: String, _ binds: SQLiteTraceStatements.Binds) async throws {}
            func ids(_ sql: String, _ binds: SQLiteTraceStatements.Binds) async throws -> [String] { [] }
            func names(_ sql: String, _ binds: SQLiteTraceStatements.Binds) async throws -> [(String, Int)] { [] }
        }
        let mb = 1 << 20
        var statements: [[Int]] = []
        try await Recorder().inSlices(
            [3 * mb, 3 * mb, 3 * mb, 20 * mb, 1, 2, 7 * mb, 1 * mb], columns: 1, bytes: { $0 }, sql: { "\($0)" },
            bind: { size, binds in binds.bind(size) },
            run: { _, binds in statements.append(binds.values.compactMap { $0.integer }) })
        #expect(statements == [[3 * mb, 3 * mb], [3 * mb], [20 * mb], [1, 2, 7 * mb], [1 * mb]])
    }
}
