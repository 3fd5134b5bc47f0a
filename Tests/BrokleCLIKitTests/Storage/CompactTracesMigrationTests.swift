@testable import BrokleCLIKit
@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

/// Migration 0016 converts the wide trace tables an older brokle wrote into compact rows, on both
/// databases: every trace reads back as it was written, a plain single attempt moves into its row,
/// any other stays a row of its own, and going down and up again keeps it all.
@Suite struct CompactTracesMigrationTests {
    /// Three traces as written before 0016: a gateway id with one plain attempt (goes inline), a
    /// client's own id with a fallback (two attempt rows), and one whose attempt differs from it.
    static func traces(now: Date) -> [TraceRecord] {
        let started = Date(timeIntervalSince1970: (now.timeIntervalSince1970 - 3_600).rounded(.down) + 0.25)
        var plain = TraceStoreTests.fullAndEmpty()[0]
        plain.id = RequestID.make(milliseconds: UInt64(started.timeIntervalSince1970 * 1000), random: (7, 9))
        (plain.status, plain.httpStatus, plain.errorType, plain.errorMessage) = (.ok, 200, nil, nil)
        (plain.attempts, plain.fallback, plain.startedAt, plain.finishedAt) = (1, false, started, started.addingTimeInterval(1.234375))
        plain.attemptRecords = [
            TraceAttemptRecord(
                attempt: 1, provider: "azure", model: "gpt-4o-2024", status: .ok, httpStatus: 200, latencyMs: 1200.75, tokensIn: 1_000,
                tokensOut: 200, costNanoUSD: Int64.max / 4, startedAt: started.addingTimeInterval(0.03125))
        ]
        var fallback = TraceStoreTests.fullAndEmpty()[0]
        fallback.id = "client-request-7"
        (fallback.startedAt, fallback.finishedAt) = (started.addingTimeInterval(10), started.addingTimeInterval(11.234375))
        fallback.attemptRecords = fallback.attemptRecords.map { attempt in
            var attempt = attempt
            attempt.startedAt = attempt.startedAt.addingTimeInterval(
                started.timeIntervalSince(TraceStoreTests.fullAndEmpty()[0].startedAt) + 10)
            return attempt
        }
        var differing = plain
        differing.id = RequestID.make(milliseconds: UInt64(started.timeIntervalSince1970 * 1000) + 20_000, random: (1, 2))
        (differing.startedAt, differing.finishedAt) = (started.addingTimeInterval(20), started.addingTimeInterval(21.234375))
        differing.attemptRecords[0].tokensIn = 999
        differing.attemptRecords[0].startedAt = differing.startedAt
        differing.identity = RequestIdentity(endUser: "alice", sessionID: "s-1", tags: ["beta"], metadata: #"{"plan":"pro"}"#)
        return [plain, fallback, differing]
    }

    /// Inserts `trace` into the wide tables as migrations 0001–0015 left them.
    static func insertWide(_ trace: TraceRecord, on database: Database) async throws {
        var binds = WideBinds()
        WideBinds.bind(trace, into: &binds)
        let columns = WideBinds.columns.joined(separator: ", ")
        let values = binds.values.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ")
        try await database.sql.raw("INSERT INTO traces (\(unsafeRaw: columns)) VALUES (" + values + ")").run()
        for attempt in trace.attemptRecords {
            try await database.sql.raw(
                """
                INSERT INTO trace_attempts (trace_id, attempt, provider, model, status, http_status, error_type, error_message,
                    latency_ms, tokens_in, tokens_out, cost_nanousd, started_at)
                VALUES (\(bind: trace.id), \(bind: attempt.attempt), \(bind: attempt.provider), \(bind: attempt.model),
                    \(bind: attempt.status.rawValue), \(bind: attempt.httpStatus), \(bind: attempt.errorType), \(bind: attempt.errorMessage),
                    \(bind: attempt.latencyMs), \(bind: attempt.tokensIn), \(bind: attempt.tokensOut), \(bind: attempt.costNanoUSD),
                    \(bind: attempt.startedAt))
                """
            ).run()
        }
    }

    @Test(arguments: TestDatabase.available)
    func existingTracesConvertAndComeBack(kind: TestDatabase) async throws {
        try await kind.withFresh { _, database in
            let migrator = try Migrator(database: database, logger: TestDatabase.logger)
            try await migrator.up(steps: 15)
            let written = Self.traces(now: Date())
            for trace in written { try await Self.insertWide(trace, on: database) }

            try await migrator.up()
            let store = TraceQueryStore(database)
            func readBack() async throws -> [TraceRecord] {
                try await store.query(TraceFilter(), order: .asc, limit: 10, after: nil, withAttempts: true).map(\.record)
            }
            #expect(try await readBack() == written)
            #expect(try await database.count("SELECT count(*) AS n FROM trace_attempt_rows") == 3)
            #expect(try await database.count("SELECT count(*) AS n FROM trace_rows WHERE attempt_latency_us IS NOT NULL") == 1)
            #expect(try await store.trace(id: "client-request-7")?.record == written[1])
            // Written again by the gateway: already there, skipped.
            #expect(try await TraceStore(database).insert(written) == 0)

            try await migrator.down(steps: 1)
            #expect(try await database.count("SELECT count(*) AS n FROM traces") == 3)
            #expect(try await database.count("SELECT count(*) AS n FROM trace_attempts") == 4)
            try await migrator.up()
            #expect(try await readBack() == written)
        }
    }
}

/// The wide `traces` row's columns and values, as the trace writer bound them before 0016.
private struct WideBinds {
    var values: [any Encodable & Sendable] = []

    static let columns = [
        "id", "organization_id", "project_id", "environment_id", "api_key_id", "endpoint", "model_requested",
        "provider", "model_served", "status", "http_status", "error_type", "error_message", "stream", "attempts",
        "fallback", "cache_hit", "latency_ms", "ttft_ms", "overhead_ms", "tokens_in", "tokens_out", "tokens_cached",
        "tokens_cache_write", "tokens_reasoning", "cost_nanousd", "cost_status", "started_at", "finished_at", "cache_result",
        "cache_similarity", "saved_tokens_in", "saved_tokens_out", "saved_nanousd", "cache_embed_nanousd",
        "guardrails", "end_user", "session_id", "tags", "metadata",
    ]

    static func bind(_ t: TraceRecord, into b: inout WideBinds) {
        b.values = [
            t.id, t.organizationID, t.projectID, t.environmentID, t.apiKeyID, t.endpoint, t.modelRequested, t.provider, t.modelServed,
            t.status.rawValue, t.httpStatus, t.errorType, t.errorMessage, t.stream, t.attempts, t.fallback, t.cacheHit, t.latencyMs,
            t.ttftMs, t.overheadMs, t.tokensIn, t.tokensOut, t.tokensCached, t.tokensCacheWrite, t.tokensReasoning, t.costNanoUSD,
            t.costStatus, t.startedAt, t.finishedAt, t.cacheResult, t.cacheSimilarity, t.savedTokensIn, t.savedTokensOut,
            t.savedNanoUSD, t.cacheEmbedNanoUSD, t.guardrails, t.endUser, t.sessionID, t.tags.map(RequestIdentity.tagsJSON), t.metadata,
        ]
    }
}
