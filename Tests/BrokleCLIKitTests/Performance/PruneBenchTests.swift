@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Synchronization
import Testing

/// Pruning speed, run by hand: `BROKLE_PRUNE_BENCH=200000 scripts/test-run.sh --filter PruneBench`
/// seeds that many old traces (one attempt each, content on every other) and prints, on SQLite,
/// rows a second and the longest write-lock hold of a batch; on PostgreSQL, the time to drop them
/// with their day partitions. Skipped without the variable.
@Suite struct PruneBenchTests {
    static var count: Int? { ProcessInfo.processInfo.environment["BROKLE_PRUNE_BENCH"].flatMap(Int.init) }

    /// `count` traces started 40 days ago (one day), seeded by the database itself.
    static func seed(_ count: Int, on database: Database, now: Date) async throws {
        let started = now.addingTimeInterval(-40 * 86_400).timeIntervalSince1970.rounded(.down)
        let series: SQLQueryString =
            database.dialect == .sqlite
            ? "WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i + 1 < \(bind: count))"
            : "WITH s(i) AS (SELECT generate_series(0, \(bind: count) - 1))"
        let at: SQLQueryString =
            database.dialect == .sqlite ? "\(bind: started) + i * 0.001" : "to_timestamp(\(bind: started) + i * 0.001)"
        try await database.sql.raw(
            series + """
                 INSERT INTO traces (id, organization_id, project_id, environment_id, api_key_id, endpoint, model_requested,
                    provider, model_served, status, latency_ms, tokens_in, tokens_out, cost_nanousd, started_at, finished_at, end_user)
                SELECT 'bench-' || i, 'org-' || (i % 5), 'p', 'e', 'k', 'chat.completions', 'gpt-4o', 'openai', 'gpt-4o', 'ok', 12.5,
                    100, 20, 1000,
                """ + at + ", " + at + ", CASE WHEN i % 3 = 0 THEN 'user-' || (i % 100) END FROM s"
        ).run()
        // Each request's one attempt in its own row, as the trace writer keeps a plain attempt (migration 0016).
        try await database.sql.raw("UPDATE trace_rows SET attempt_latency_us = 12000, attempt_offset_us = 0").run()
        try await database.sql.raw(
            """
            INSERT INTO trace_contents (trace_id, organization_id, started_at, mode, request, request_bytes)
            SELECT id, organization_id, started_at, 'full', '{"messages":[{"role":"user","content":"hello there"}]}', 52
            FROM traces WHERE id LIKE 'bench-%' AND length(id) % 2 = 0
            """
        ).run()
    }

    /// CPU seconds this process has used (user and system): a figure a busy machine does not skew.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    @Test(arguments: TestDatabase.available)
    func prune(kind: TestDatabase) async throws {
        guard let count = Self.count else { return }
        try await kind.withMigrated { _, database in
            let now = Date()
            if database.dialect == .postgres {
                // The day's own partition, as the migration or an earlier day's prune would have made it.
                let day = now.addingTimeInterval(-40 * 86_400)
                for table in TracePartitions.tables {
                    let partition = TracePartitions.name(table, day: day)
                    try await database.sql.raw(
                        "CREATE TABLE \(unsafeRaw: partition) PARTITION OF \(unsafeRaw: table) FOR VALUES FROM ('\(unsafeRaw: TracePartitions.bound(day))') TO ('\(unsafeRaw: TracePartitions.bound(day.addingTimeInterval(86_400)))')"
                    ).run()
                }
            }
            let seeding = ContinuousClock.now
            try await Self.seed(count, on: database, now: now)
            print("prune bench \(kind): seeded \(count) traces in \(ContinuousClock.now - seeding)")
            let holds = Mutex<[Duration]>([])
            var pruner = TracePruner(database)
            pruner.onBatch = { held, _ in holds.withLock { $0.append(held) } }
            let cpuBefore = Self.cpuSeconds()
            let start = ContinuousClock.now
            // Content first (its own clock), then the traces, each timed.
            let cut = now.addingTimeInterval(-30 * 86_400)
            var report = try await pruner.prune(PruneCuts.uniform(before: cut, contentOnly: true))
            let contentTook = ContinuousClock.now - start
            let traces = try await pruner.prune(PruneCuts.uniform(before: cut))
            (report.traces, report.attempts) = (traces.traces, traces.attempts)
            report.partitionsDropped += traces.partitionsDropped
            let took = ContinuousClock.now - start
            print(
                "prune bench \(kind): content \(report.contents) rows in \(contentTook), traces \(report.traces) in \(took - contentTook)")
            let seconds = Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18
            let cpu = Self.cpuSeconds() - cpuBefore
            let batches = holds.withLock { $0 }.sorted()
            let rows = report.traces + report.attempts + report.contents
            print(
                """
                prune bench \(kind): \(report.traces) traces, \(report.attempts) attempts, \(report.contents) contents in \(took) \
                (\(Int(Double(report.traces) / seconds)) traces/s, \(Int(Double(report.traces + report.attempts + report.contents) / seconds)) rows/s); \
                \(batches.count) batches, hold p50 \(batches.isEmpty ? .zero : batches[batches.count / 2]) \
                p95 \(batches.isEmpty ? .zero : batches[batches.count * 95 / 100]) longest \(batches.last ?? .zero); \
                process CPU \(cpu) s (\(Int(Double(rows) / max(cpu, 0.001))) rows per CPU second); partitions dropped \(report.partitionsDropped.count)
                """)
            #expect(report.traces == count)
        }
    }
}
