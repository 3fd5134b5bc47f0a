import BrokleCore
import Foundation
import SQLKit

/// Removes traces (with their attempts) and captured content past their retention, and the rollups
/// that summarise only stored traces (per minute, per end user and tag: ``PrunedRollup``). Hourly
/// totals (`usage_hourly`, `cache_hourly`) are never pruned: reports stay true for pruned hours.
///
/// SQLite deletes in short batches, each one transaction that holds the write lock for about
/// ``batchHold`` (the batch size follows the time the last batch took), with a ``pause`` between
/// batches so the trace writer, waiting on its own connection for the lock, takes its turn: a
/// writer waits at most about one batch. PostgreSQL drops whole day partitions (migration 0011)
/// once every row of the day is past its cut, creates the partitions of the next days ahead, and
/// deletes in batches only what lies between (a day some organizations keep longer than others,
/// and the DEFAULT partition).
package struct TracePruner: Sendable {
    package let database: Database
    /// About how long one SQLite batch holds the write lock (the longest came to about twice this
    /// on a loaded machine).
    package var batchHold: Duration = .milliseconds(30)
    /// The pause between two SQLite batches: longer than the trace writer's busy-handler step
    /// (at most 10 ms, ``SQLiteHandle``), so a waiting writer finds the lock free.
    package var pause: Duration = .milliseconds(12)
    /// The limit on each database call (a batch, a partition drop).
    package var timeout: Duration = .seconds(30)
    /// Day partitions kept ready ahead of today (PostgreSQL).
    package var daysAhead = 3
    /// Rows of the first batch; later ones are sized by the time it took.
    package var firstBatch = 2_000
    /// Called after every batch with how long it held the write lock and its rows (measurements, tests).
    package var onBatch: @Sendable (Duration, Int) -> Void = { _, _ in }

    package init(_ database: Database) {
        self.database = database
    }

    /// What one prune removed (or, dry, would remove).
    package struct Report: Sendable, Equatable {
        package var traces = 0
        package var attempts = 0
        package var contents = 0
        /// Rows of the rollups kept only as long as their traces (``PrunedRollup``).
        package var rollups = 0
        /// Day partitions dropped (PostgreSQL), by name.
        package var partitionsDropped: [String] = []
        /// Day partitions created ahead (PostgreSQL), by name.
        package var partitionsCreated: [String] = []

        package init() {}
    }

    /// Prunes what `cuts` ask for; with `dryRun`, counts it and changes nothing.
    package func prune(_ cuts: PruneCuts, dryRun: Bool = false) async throws(BrokleError) -> Report {
        if dryRun { return try await count(cuts) }
        var report = Report()
        if database.dialect == .postgres {
            let partitions = TracePartitions(database: database, timeout: timeout)
            if try await partitions.arePartitioned() {
                report.partitionsCreated = try await partitions.createAhead(days: daysAhead)
                try await partitions.drop(cuts, into: &report)
            }
        }
        for rule in cuts.contents.rules {
            report.contents += try await batches(rule, table: .contents).rows
        }
        for rule in cuts.traces.rules {
            let removed = try await batches(rule, table: .traces)
            report.traces += removed.rows
            report.attempts += removed.attempts
            report.rollups += try await pruneRollups(rule, dryRun: false)
        }
        return report
    }

    /// Deletes the rows of `rule` batch by batch until none is left.
    private func batches(_ rule: PruneRule, table: PruneTable) async throws(BrokleError) -> (rows: Int, attempts: Int) {
        var total = (rows: 0, attempts: 0)
        var limit = firstBatch
        let sqlite = database.dialect == .sqlite
        var after: Date?
        while true {
            let batch = try await deleteBatch(rule, table: table, limit: limit, after: after)
            after = batch.last
            total.rows += batch.rows
            total.attempts += batch.attempts
            onBatch(batch.held, batch.rows + batch.attempts)
            guard batch.rows == limit else { return total }
            limit = Self.nextLimit(after: limit, held: batch.held, target: batchHold)
            if sqlite { try? await Task.sleep(for: pause) } else { await Task.yield() }
            if Task.isCancelled { throw BrokleError(.databaseUnavailable, "pruning was cancelled") }
        }
    }

    /// The next batch's rows: scaled toward `target` from what the last took, at most doubling or
    /// halving at a time (one slow batch, a checkpoint say, should not shrink it to nothing).
    static func nextLimit(after limit: Int, held: Duration, target: Duration) -> Int {
        let ratio = held > .zero ? target / held : 2
        let scaled = Double(limit) * min(2, max(0.5, ratio))
        return min(50_000, max(100, Int(scaled)))
    }

    /// Counts what `cuts` would remove (`--dry-run`), partitions that would be dropped included.
    private func count(_ cuts: PruneCuts) async throws(BrokleError) -> Report {
        var report = Report()
        if database.dialect == .postgres {
            let partitions = TracePartitions(database: database, timeout: timeout)
            if try await partitions.arePartitioned() { report.partitionsDropped = try await partitions.droppable(cuts).map(\.name) }
        }
        let database = self.database
        for rule in cuts.contents.rules {
            report.contents += try await database.call("count prunable content", timeout: timeout) {
                try await database.count("SELECT count(*) AS n FROM trace_contents WHERE " + Self.condition(rule, in: .contents))
            }
        }
        for rule in cuts.traces.rules {
            report.traces += try await database.call("count prunable traces", timeout: timeout) {
                try await database.count("SELECT count(*) AS n FROM trace_rows WHERE " + Self.condition(rule, in: .traces))
            }
            report.attempts += try await database.call("count prunable attempts", timeout: timeout) {
                try await database.count(
                    "SELECT count(*) AS n FROM trace_attempt_rows WHERE trace_id IN (SELECT id FROM trace_rows WHERE "
                        + Self.condition(rule, in: .traces) + ")")
            }
            report.rollups += try await pruneRollups(rule, dryRun: true)
        }
        return report
    }

    /// `started_at < cut` for the rule's organizations (through `trace_rows_org_idx` for one, else
    /// `trace_rows_started_idx` / `trace_contents_started_idx`). `trace_rows` holds an organization
    /// as its `trace_names` number, `trace_contents` as its id.
    static func condition(_ rule: PruneRule, in table: PruneTable) -> SQLQueryString {
        let organization: SQLQueryString = table == .traces ? "org" : "organization_id"
        func organizations(_ ids: [String]) -> SQLQueryString {
            let list = ids.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ")
            guard table == .traces else { return "(" + list + ")" }
            return "(SELECT ref FROM trace_names WHERE name IN (" + list + "))"
        }
        switch rule.organizations {
        case .only(let id):
            return organization + " IN " + organizations([id]) + " AND started_at < \(bind: rule.before)"
        case .except(let ids):
            let condition: SQLQueryString = "started_at < \(bind: rule.before)"
            return ids.isEmpty ? condition : condition + " AND " + organization + " NOT IN " + organizations(ids)
        }
    }
}

/// The tables a batch deletes from.
enum PruneTable {
    /// Traces, with their attempts.
    case traces
    case contents
}
