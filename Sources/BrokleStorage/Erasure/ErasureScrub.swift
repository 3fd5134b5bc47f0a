import BrokleCore
import SQLKit

/// Makes what an erasure removed gone from the database's files, not only from its tables.
///
/// SQLite: the purge's connection runs with `secure_delete`, so SQLite overwrites with zeros what it
/// deletes or rewrites, freed pages included. Every connection Brokle opens has it on (``Database``
/// and the trace writer's ``SQLiteTraceSession``; the bundled SQLite's default too), so no stale
/// copy of a row is left in a page's free space when the proxy reorganises pages before the purge;
/// the purge states it again on its own connection before erasing. The pages as they were before the
/// purge still sit in the write-ahead log (`-wal`) until a checkpoint copies the new ones into the
/// file: afterwards the log is checkpointed and truncated to zero bytes.
///
/// PostgreSQL: an UPDATE or DELETE leaves the old row versions in place until VACUUM. `VACUUM` on
/// the touched tables (never inside a transaction) marks them free; their bytes are overwritten as
/// the pages are reused, not at once. `VACUUM FULL` rewrites a table without them, but locks it
/// against the trace writer for the whole rewrite: a DBA's call, not done here.
package struct ErasureScrub: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    /// Longest a checkpoint or a VACUUM may take: waiting for readers or autovacuum included.
    static let timeout: Duration = .seconds(900)
    /// TRUNCATE checkpoints tried, each waiting up to the busy timeout for readers to move on.
    static let checkpointAttempts = 3

    func beforeErasure() async throws(BrokleError) {
        guard database.dialect == .sqlite else { return }
        try await database.call("turn on secure_delete") { try await database.sql.raw("PRAGMA secure_delete = ON").run() }
    }

    /// SQLite: checkpoints and truncates the write-ahead log. PostgreSQL: VACUUMs what an erasure
    /// touched — the day partitions of `days` (and the DEFAULT partition) of `trace_rows` (only when
    /// personal fields were cleared) and `trace_contents`, and `cache_entries` — not every partition
    /// of a table kept for months. Safe to repeat.
    package func afterErasure(contentOnly: Bool, days: Set<String>) async throws(BrokleError) {
        switch database.dialect {
        case .sqlite:
            try await checkpoint()
        case .postgres:
            let parents = (contentOnly ? [] : ["trace_rows"]) + ["trace_contents"]
            var tables: [String] = []
            for parent in parents {
                tables += days.sorted().map { "\(parent)_p\($0)" } + ["\(parent)_default"]
            }
            for table in tables + ["cache_entries"] {
                try await database.call("VACUUM \(table)", timeout: Self.timeout) {
                    // A day dropped by the pruner meanwhile has nothing left to vacuum.
                    let exists = try await database.sql.raw("SELECT to_regclass(\(bind: table)) IS NOT NULL AS e").first()?
                        .decode(column: "e", as: Bool.self)
                    if exists == true { try await database.sql.raw("VACUUM \(ident: table)").run() }
                }
            }
        }
    }

    /// `PRAGMA wal_checkpoint(TRUNCATE)` until it reports no reader in the way (`busy` 0).
    private func checkpoint() async throws(BrokleError) {
        for _ in 0..<Self.checkpointAttempts {
            let busy = try await database.call("checkpoint the write-ahead log", timeout: Self.timeout) {
                try await database.sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").first()?.decode(column: "busy", as: Int.self) ?? 0
            }
            if busy == 0 { return }
        }
        throw BrokleError(
            .database,
            "the erasure is committed, but the write-ahead log could not be checkpointed: a reader kept it busy, so the old pages stay in the -wal file",
            hint: "run the same purge again (it finds nothing left to erase and retries the checkpoint)")
    }
}
