import ArgumentParser
import BrokleCLIKit
import BrokleCore
import BrokleStorage
import Foundation
import Logging

/// `brokle-bench reports`: how long the readers take over a large history — `cost report` by every
/// kind of grouping, `cache stats` and `trace query --user/--session` — through the stores the
/// commands use. Writes `--count` demo traces (end users, sessions, tags, cache results) in arrival
/// order over the `--days` before now, in flush-sized batches as the trace writer does, into a
/// SQLite file (kept with `--keep`) and, with `--postgres-url`, that PostgreSQL database; then runs
/// each report three times and prints one JSON line per report and database with the fastest and
/// slowest run. Ranges end now and start mid-minute, so every report reads its edges.
struct ReportBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reports", abstract: "Reports over a large history: cost report, cache stats, trace query, timed.")

    @Option(help: "Traces to write.") var count = 1_000_000
    @Option(help: "Days they span, ending now.") var days = 30.0
    @Option(help: "Write the SQLite history here (a file path); default a temporary file, removed after.") var keep: String?
    @Option(help: "An empty PostgreSQL database to also measure (migrated here; the traces stay).") var postgresURL: String?
    @Flag(help: "Reuse the history already written (with --keep, or the --postgres-url database).") var reuse = false
    @Flag(help: "Measure only the --postgres-url database.") var postgresOnly = false

    func run() async throws {
        var logger = Logger(label: "brokle.bench")
        logger.logLevel = .error
        let temporary = keep == nil
        let path =
            keep ?? FileManager.default.temporaryDirectory.appendingPathComponent("brokle-bench-reports-\(UUID().uuidString).db").path
        defer { if temporary { try? FileManager.default.removeItem(atPath: path) } }
        if !postgresOnly { try await measure("sqlite", url: .sqlite(path: path), logger: logger) }
        if let postgresURL { try await measure("postgres", url: try DatabaseURL(parsing: postgresURL), logger: logger) }
    }

    func measure(_ kind: String, url: DatabaseURL, logger: Logger) async throws {
        let database = try await Database.connect(url, logger: logger)
        do {
            if !reuse { try await write(into: database, kind: kind, logger: logger) }
            for report in Self.reports {
                var times: [Double] = []
                var rows = 0
                for _ in 0..<3 {
                    let started = ContinuousClock.now
                    rows = try await report.run(database, Date())
                    times.append((ContinuousClock.now - started).seconds)
                }
                print(
                    Self.json([
                        "label": "reports_\(kind)", "measure": "report_seconds", "report": report.name, "traces": count, "rows": rows,
                        "fastest_s": (times.min()! * 1000).rounded() / 1000, "slowest_s": (times.max()! * 1000).rounded() / 1000,
                    ]))
            }
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }

    /// The history: migrated, then `count` traces in batches of 5,000.
    func write(into database: Database, kind: String, logger: Logger) async throws {
        try await Migrator(database: database, logger: logger).up()
        let store = TraceStore(database)
        let (targets, prices, now) = (TraceWriteBench.targets(), try PriceBook.shipped(), Date())
        let started = ContinuousClock.now
        var start = 0
        while start < count {
            let end = min(start + 5_000, count)
            let traces = TraceWriteBench.traces(start..<end, of: count, span: days * 86_400, now: now, targets: targets, prices: prices)
            guard try await store.insert(traces) == traces.count else { throw ValidationError("\(kind): a batch was not stored whole") }
            start = end
        }
        let seconds = (ContinuousClock.now - started).seconds
        print(
            Self.json([
                "label": "reports_\(kind)", "measure": "history_written", "traces": count, "days": days,
                "seconds": (seconds * 10).rounded() / 10, "traces_per_s": (Double(count) / seconds).rounded(),
            ]))
    }

    struct Report: Sendable {
        var name: String
        var run: @Sendable (Database, Date) async throws -> Int
    }

    /// `since` a number of hours before `now`, 17.5 s into its minute so each edge is read.
    static func filter(hours: Double, now: Date, _ change: (inout TraceFilter) -> Void = { _ in }) -> TraceFilter {
        var filter = TraceFilter()
        filter.since = Date(timeIntervalSince1970: ((now.timeIntervalSince1970 - hours * 3600) / 60).rounded(.down) * 60 + 17.5)
        change(&filter)
        return filter
    }

    static func cost(_ name: String, hours: Double, _ dimensions: [CostReportStore.Dimension]) -> Report {
        Report(name: name) { database, now in
            let store = CostReportStore(database)
            let filter = Self.filter(hours: hours, now: now)
            guard !dimensions.isEmpty else { return try await store.total(filter).requests > 0 ? 1 : 0 }
            return try await store.groups(by: dimensions, filter).count
        }
    }

    static let reports: [Report] = [
        cost("cost report --since 24h", hours: 24, []),
        cost("cost report --since 30d", hours: 720, []),
        cost("cost report --since 30d --group-by model,day", hours: 720, [.model, .day]),
        cost("cost report --since 24h --group-by user", hours: 24, [.user]),
        cost("cost report --since 30d --group-by user", hours: 720, [.user]),
        cost("cost report --since 30d --group-by tag,project", hours: 720, [.tag, .project]),
        cost("cost report --since 24h --group-by session", hours: 24, [.session]),
        cost("cost report --since 24h --group-by user,model", hours: 24, [.user, .model]),
        Report(name: "cost report --since 30d --user user-7") { database, now in
            try await CostReportStore(database).total(filter(hours: 720, now: now) { $0.endUser = "user-7" }).requests
        },
        Report(name: "cache stats --since 30d --group-by model") { database, now in
            try await CacheStatsStore(database).groups(by: [.model], filter(hours: 720, now: now), now: now).count
        },
        Report(name: "trace query --user user-7 --limit 100") { database, now in
            var filter = TraceFilter()
            filter.endUser = "user-7"
            return try await TraceQueryStore(database).query(filter, order: .desc, limit: 100, after: nil, withAttempts: true).count
        },
        Report(name: "trace query --session S --limit 100") { database, now in
            var filter = TraceFilter()
            filter.sessionID = "sess-bench-3000"
            return try await TraceQueryStore(database).query(filter, order: .asc, limit: 100, after: nil, withAttempts: true).count
        },
    ]

    static func json(_ line: [String: Any]) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
