import BrokleCore
import BrokleSettings
import BrokleStorage
import ArgumentParser
import Foundation

/// `brokle trace prune [--older-than DURATION] [--content-only] [--dry-run]`
struct TracePrune: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove traces and captured content past their retention; one JSON line per table.",
        discussion: """
            Without --older-than, applies the configured retentions: BROKLE_TRACE_RETENTION (30d) to traces and \
            their attempts, BROKLE_CONTENT_RETENTION (7d) to captured content, each organization's own retention \
            (`brokle logging`) where it has one. Content never outlives its trace. With --older-than, one cut for \
            everything. Hourly totals are kept, so cost reports over pruned days stay true. The proxy does the \
            same every BROKLE_PRUNE_INTERVAL; this is for doing it now. On SQLite rows go in short batches beside \
            a running proxy; on PostgreSQL whole days go by dropping their partitions (listed in the rows).
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("older-than"), help: "One cut for everything: remove what started longer ago than this (90m, 24h, 7d).")
    var olderThan: String?
    @Flag(help: "Only captured content (trace_contents); traces stay.") var contentOnly = false
    @Flag(help: "Count what would be removed; remove nothing.") var dryRun = false

    func run() async throws {
        let loader = ConfigLoader()
        let context = try CommandContext(global, loader: loader)
        let settings = try loader.requestLogs(global.flags)
        let now = Date()
        let cut = try olderThan.map { now.addingTimeInterval(-(try DurationText.seconds($0, what: "--older-than"))) }
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let pruner = TracePruner(database)
            let cuts: PruneCuts
            if let cut {
                cuts = .uniform(before: cut, contentOnly: contentOnly)
            } else {
                var rules = try await pruner.rules(traceRetention: settings.traceRetention, contentRetention: settings.contentRetention)
                if contentOnly { rules = rules.contentOnly }
                cuts = rules.cuts(now: now)
            }
            let report = try await pruner.prune(cuts, dryRun: dryRun)
            let rows = TracePruneRow.rows(report, contentOnly: contentOnly, dryRun: dryRun)
            if !dryRun {
                // By hand only: the proxy's own pruning applies the retention policies, whose changes are audited.
                var removed: [String: JSONValue] = [:]
                for row in rows { removed[row.table] = .int(row.rows) }
                let asked: JSONValue = .object([
                    "older_than": olderThan.map { .string($0) } ?? .null, "content_only": .bool(contentOnly),
                ])
                try await AuditStore(database).record(
                    AuditEvent(
                        .tracePrune, by: context.actor, organizationID: nil, target: olderThan.map { "older than \($0)" } ?? "retention",
                        before: asked, after: .object(removed)))
            }
            for row in rows { try context.emit(row) }
            context.printer.finish()
        }
    }
}

/// What one table lost (or, with `--dry-run`, would lose).
struct TracePruneRow: OutputRow {
    static let columns = ["table", "rows", "partitions_dropped", "dry_run"]
    var table: String
    var rows: Int
    /// PostgreSQL day partitions dropped whole (their rows are in `rows`); empty on SQLite.
    var partitionsDropped: [String]
    var dryRun: Bool

    enum CodingKeys: String, CodingKey {
        case table, rows, partitionsDropped = "partitions_dropped", dryRun = "dry_run"
    }

    static func rows(_ report: TracePruner.Report, contentOnly: Bool, dryRun: Bool) -> [TracePruneRow] {
        // Named as readers know them (the views `traces` and `trace_attempts`); partitions by their own names.
        let tables =
            contentOnly
            ? [("trace_contents", "trace_contents", report.contents)]
            : [
                ("traces", "trace_rows", report.traces), ("trace_attempts", "trace_attempt_rows", report.attempts),
                ("trace_contents", "trace_contents", report.contents),
                ("rollups", "rollups", report.rollups),
            ]
        return tables.map { table, stored, rows in
            TracePruneRow(
                table: table, rows: rows, partitionsDropped: report.partitionsDropped.filter { $0.hasPrefix(stored + "_p") },
                dryRun: dryRun)
        }
    }
}
