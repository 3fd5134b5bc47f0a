import BrokleCore
import BrokleStorage
import ArgumentParser
import BrokleCLIKit
import Foundation
import Logging

/// `brokle-bench traces`: how many traces a second the trace writer's store takes — realistic
/// traces (several orgs, projects, keys and models; retries and fallbacks as attempts; errors,
/// cancellations, cache hits) written through ``TraceStore`` in flush-sized calls, hourly rollups
/// and attempts included, into a fresh SQLite file opened as the gateway opens it (WAL) and, with
/// `--postgres-url`, into that PostgreSQL database. Prints one JSON line per database, with the
/// process's CPU time (all threads: the writer's, the driver's, the pool's) while it wrote.
struct TraceWriteBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "traces", abstract: "Trace writer: traces/s into SQLite (and PostgreSQL) through TraceStore.")

    @Option(help: "Traces to write.") var count = 200_000
    @Option(help: "Traces per TraceStore.insert call (what the writer flushes every 0.25 s at 30k/s).") var flush = 7_500
    @Option(help: "An empty PostgreSQL database to also measure (migrated here; the traces stay).")
    var postgresURL: String?
    @Option(help: "Label prefix of the JSON lines.") var label = "traces"

    func validate() throws {
        guard count > 0, flush > 0 else { throw ValidationError("--count and --flush must be positive") }
    }

    func run() async throws {
        var logger = Logger(label: "brokle.bench")
        logger.logLevel = .error
        let traces = Self.traces(count, prices: try PriceBook.shipped())

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brokle-bench-traces-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await measure(
            "sqlite", url: .sqlite(path: folder.appendingPathComponent("traces.db").path), traces: traces, logger: logger)

        if let postgresURL {
            try await measure("postgres", url: try DatabaseURL(parsing: postgresURL), traces: traces, logger: logger)
        }
    }

    /// Migrates a fresh database, writes `traces` in `flush`-sized calls, checks they all landed
    /// and prints the rate.
    func measure(_ kind: String, url: DatabaseURL, traces: [TraceRecord], logger: Logger) async throws {
        let database = try await Database.connect(url, logger: logger)
        let store = TraceStore(database)
        var inserted = 0
        let elapsed: Duration
        let cpu: Double
        do {
            try await Migrator(database: database, logger: logger).up()
            let cpuBefore = Self.processCPUSeconds()
            elapsed = try await ContinuousClock().measure {
                var start = 0
                while start < traces.count {
                    inserted += try await store.insert(Array(traces[start..<min(start + flush, traces.count)]))
                    start += flush
                }
            }
            cpu = Self.processCPUSeconds() - cpuBefore
        } catch {
            await database.close()
            throw error
        }
        let bytes: Int64
        do {
            bytes = try await Self.storedBytes(database, url: url)
        } catch {
            await database.close()
            throw error
        }
        await database.close()
        guard inserted == traces.count else {
            throw ValidationError("\(kind): \(inserted) of \(traces.count) traces were stored")
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let line: [String: Any] = [
            "label": "\(label)_\(kind)", "measure": "trace_writes", "traces": traces.count,
            "attempts": traces.reduce(0) { $0 + $1.attemptRecords.count }, "flush": flush,
            "seconds": (seconds * 1000).rounded() / 1000, "traces_per_s": (Double(traces.count) / seconds).rounded(),
            "cpu_seconds": (cpu * 1000).rounded() / 1000, "cpu_us_per_trace": (cpu * 1e7 / Double(traces.count)).rounded() / 10,
            "bytes_per_trace": (Double(bytes) / Double(traces.count)).rounded(),
        ]
        let data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    /// What the traces take on disk: on SQLite the whole file after a checkpoint (every table and
    /// index, the hourly totals included); on PostgreSQL the trace, attempt, name and content tables
    /// with their indexes and TOAST (every partition of a partitioned one).
    static func storedBytes(_ database: Database, url: DatabaseURL) async throws -> Int64 {
        if case .sqlite(let path) = url {
            try await database.sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            return (attributes[.size] as? NSNumber)?.int64Value ?? 0
        }
        var total: Int64 = 0
        for table in ["trace_rows", "trace_attempt_rows", "trace_names", "trace_contents"] {
            // A partitioned table's size is its partitions'; a plain table has no partition tree.
            let row = try await database.sql.raw(
                """
                SELECT CAST(COALESCE((SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree(\(bind: table)::regclass)
                                      WHERE isleaf), pg_total_relation_size(\(bind: table)::regclass)) AS BIGINT) AS n
                """
            ).first()
            total += try row?.decode(column: "n", as: Int64.self) ?? 0
        }
        return total
    }

    /// User and system CPU time of this process so far.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
            getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return user + system
    }

    /// `count` traces as the gateway records them: request ids like its own (``RequestID``: time
    /// first, then random bits, so the id index grows at its end), spread over the hour before now in arrival
    /// order, over 3 orgs × 2 projects × 2 environments, one key each — ids as the database makes
    /// them (UUIDs), so the bytes a trace takes are what a real one takes.
    static func traces(_ count: Int, prices: PriceBook) -> [TraceRecord] {
        traces(0..<count, of: count, span: 3600, now: Date(), targets: targets(), prices: prices)
    }

    /// The 12 tenancy targets: 3 orgs × 2 projects × 2 environments, one key each, as UUIDs.
    static func targets() -> [DemoTraces.Target] {
        var random = SeededRandom(seed: 16)
        func uuid() -> String {
            let hex = Hex.string(bytes: (0..<16).map { _ in UInt8(truncatingIfNeeded: random.next()) })
            let parts = [
                hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20),
            ]
            return parts.joined(separator: "-")
        }
        var targets: [DemoTraces.Target] = []
        for _ in 1...3 {
            let organization = uuid()
            for _ in 1...2 {
                let project = uuid()
                for _ in 1...2 {
                    targets.append(
                        DemoTraces.Target(organizationID: organization, projectID: project, environmentID: uuid(), apiKeyID: uuid()))
                }
            }
        }
        return targets
    }

    /// Traces `range` of `count` spread evenly in arrival order over the `span` seconds before `now`.
    static func traces(
        _ range: Range<Int>, of count: Int, span: TimeInterval, now: Date, targets: [DemoTraces.Target], prices: PriceBook
    ) -> [TraceRecord] {
        var random = SeededRandom(seed: 16 &+ UInt64(range.lowerBound))
        return DemoTraces(profile: "bench", targets: targets, now: now, prices: prices).traces(range).enumerated().map { offset, demo in
            let index = range.lowerBound + offset
            var trace = demo
            let shift = now.addingTimeInterval(-span * Double(count - index) / Double(count)).timeIntervalSince(trace.startedAt)
            trace.startedAt += shift
            trace.id = RequestID.make(
                milliseconds: UInt64(trace.startedAt.timeIntervalSince1970 * 1000), random: (random.next(), random.next()))
            trace.finishedAt += shift
            trace.attemptRecords = trace.attemptRecords.map { attempt in
                var attempt = attempt
                attempt.startedAt += shift
                return attempt
            }
            return trace
        }
    }
}
