import BrokleCore
import Foundation
import SQLKit

/// The erasure path (`brokle trace purge`): deletes the captured content of a target's traces
/// (`trace_contents`) and, unless only content is asked for, clears their personal fields (end user,
/// session, tags, metadata), keeping the anonymised rows so cost and usage stay true (`usage_hourly`
/// is not touched; an end user's and tags' rows of `usage_identity_hourly` move to none); then deletes the target's stored answers of the response cache.
///
/// In bounded batches: the ids of the next `batchSize` traces with something left to erase are read
/// outside any transaction (a read never blocks the trace writer), then erased by primary key in one
/// short transaction, so the writer waits at most one batch for its turn. A keyset cursor
/// (started_at, id) walks the target's traces once, whatever the selector's index. Running it again
/// finds nothing left and changes nothing.
package struct TraceErasure: Sendable {
    package let database: Database
    /// Traces per transaction.
    package let batchSize: Int

    package init(_ database: Database, batchSize: Int = 2_000) {
        self.database = database
        self.batchSize = batchSize
    }

    /// What one erasure changed.
    package struct Counts: Sendable, Equatable {
        /// Traces whose end user, session, tags and metadata were cleared.
        package var tracesAnonymised = 0
        /// `trace_contents` rows deleted.
        package var contentsDeleted = 0
        /// `cache_entries` rows deleted; nil when the cache does not record the target (a session, a key).
        package var cacheEntriesDeleted: Int?
        /// Stored Responses API responses deleted (a project's); nil where they do not record the target.
        package var responsesDeleted: Int?
        /// Per-user limit counters and leases deleted (an end user's); nil for other targets.
        package var limitCountersDeleted: Int?
        /// The UTC days (`YYYYMMDD`) of the traces erased, on PostgreSQL: the day partitions
        /// ``ErasureScrub/afterErasure(contentOnly:days:)`` vacuums. Empty on SQLite.
        package var days: Set<String> = []

        package init(tracesAnonymised: Int = 0, contentsDeleted: Int = 0, cacheEntriesDeleted: Int? = nil) {
            self.tracesAnonymised = tracesAnonymised
            self.contentsDeleted = contentsDeleted
            self.cacheEntriesDeleted = cacheEntriesDeleted
        }
    }

    /// Erases `target`'s content and (unless `contentOnly`) personal fields, and its cache entries.
    /// On SQLite the connection zeroes what it deletes (``ErasureScrub``); the old pages still sit in the
    /// write-ahead log until ``ErasureScrub/afterErasure(contentOnly:days:)``.
    package func erase(_ target: ErasureTarget, contentOnly: Bool) async throws(BrokleError) -> Counts {
        try await ErasureScrub(database).beforeErasure()
        var counts = Counts()
        let targets = try await database.call("find the end user's organizations") { try await target.perOrganization(on: database.sql) }
        for each in targets {
            let (contents, traces, days) = try await eraseTraces(each.traceCondition, contentOnly: contentOnly)
            counts.contentsDeleted += contents
            counts.tracesAnonymised += traces
            counts.days.formUnion(days)
        }
        if let condition = target.cacheCondition { counts.cacheEntriesDeleted = try await deleteCacheEntries(condition) }
        if case .project(let id, let organizationID) = target {
            counts.responsesDeleted = try await deleteInBatches(
                #"DELETE FROM responses WHERE id IN (SELECT id FROM responses WHERE organization_id = \#(bind: organizationID) AND project_id = \#(bind: id) LIMIT \#(bind: batchSize)) RETURNING id"#,
                what: "erase stored responses")
        }
        if case .endUser(let user, _) = target {
            // The end user's per-user limit counters (named by a digest of the id, in every
            // environment): their use starts afresh.
            let pattern = "end_user:%:" + LimitScope.endUserDigest(user) + ":%"
            counts.limitCountersDeleted = try await database.write("erase the end user's limit counters") { sql in
                let leases = try await sql.raw("DELETE FROM limit_leases WHERE counter LIKE \(bind: pattern) RETURNING counter").all().count
                return leases
                    + (try await sql.raw("DELETE FROM limit_counters WHERE counter LIKE \(bind: pattern) RETURNING counter").all().count)
            }
        }
        return counts
    }

    /// Walks the traces matching `condition` in (started_at, id) order, erasing a batch at a time.
    private func eraseTraces(_ condition: SQLQueryString, contentOnly: Bool) async throws(BrokleError)
        -> (contents: Int, traces: Int, days: Set<String>)
    {
        var totals = (contents: 0, traces: 0, days: Set<String>())
        var cursor: Cursor?
        while true {
            let batch = try await nextBatch(condition, contentOnly: contentOnly, after: cursor)
            guard let last = batch.last else { break }
            let erased = try await erase(ids: batch.map(\.id), contentOnly: contentOnly)
            totals.contents += erased.contents
            totals.traces += erased.traces
            totals.days.formUnion(batch.compactMap(\.day))
            // The cursor must move on: a batch that ends where the last one did would come back forever.
            guard batch.count == batchSize, last != cursor else { break }
            cursor = last
        }
        return totals
    }

    /// Something is left to erase: content, or (for a full erasure) a personal field.
    private func pending(contentOnly: Bool) -> SQLQueryString {
        let content: SQLQueryString = "EXISTS (SELECT 1 FROM trace_contents c WHERE c.trace_id = t.id)"
        if contentOnly { return content }
        return "(t.end_user IS NOT NULL OR t.session_id IS NOT NULL OR t.tags IS NOT NULL OR t.metadata IS NOT NULL OR " + content + ")"
    }

    private func nextBatch(_ condition: SQLQueryString, contentOnly: Bool, after cursor: Cursor?) async throws(BrokleError) -> [Cursor] {
        let dialect = database.dialect
        var clause = condition + " AND " + pending(contentOnly: contentOnly)
        if let cursor { clause = clause + " AND " + cursor.after(dialect) }
        let query: SQLQueryString =
            "SELECT t.id, " + Cursor.column(dialect) + " FROM traces t WHERE " + clause
            + " ORDER BY t.started_at, t.id LIMIT \(bind: batchSize)"
        return try await database.call("find traces to erase") {
            try await database.sql.raw(query).all().map { try Cursor($0, dialect) }
        }
    }

    /// One transaction: the batch's content deleted, its personal fields cleared.
    private func erase(ids: [String], contentOnly: Bool) async throws(BrokleError) -> (contents: Int, traces: Int) {
        let binds: [any Encodable & Sendable] = ids
        let keys: [any Encodable & Sendable] = ids.map { Data(TraceKey.bytes($0)) }
        let dialect = database.dialect
        return try await database.write("erase \(ids.count) traces") { sql in
            let contents = try await sql.raw("DELETE FROM trace_contents WHERE trace_id IN (\(binds: binds)) RETURNING trace_id").all()
                .count
            guard !contentOnly else { return (contents, 0) }
            try await Self.moveIdentityRollups(of: keys, on: sql, dialect: dialect)
            let traces = try await sql.raw(
                """
                UPDATE trace_rows SET end_user = NULL, session_id = NULL, tags = NULL, metadata = NULL WHERE id IN (\(binds: keys))
                AND (end_user IS NOT NULL OR session_id IS NOT NULL OR tags IS NOT NULL OR metadata IS NOT NULL) RETURNING id
                """
            ).all().count
            return (contents, traces)
        }
    }

    /// Deletes the matching cache entries, `batchSize` per transaction; how many went.
    private func deleteCacheEntries(_ condition: SQLQueryString) async throws(BrokleError) -> Int {
        try await deleteInBatches(
            #"DELETE FROM cache_entries WHERE "key" IN (SELECT "key" FROM cache_entries WHERE "# + condition
                + #" LIMIT \#(bind: batchSize)) RETURNING "key""#,
            what: "erase cache entries")
    }

    /// Runs `query` (a DELETE of at most `batchSize` rows, RETURNING them), one transaction each,
    /// until a run deletes fewer; how many went.
    private func deleteInBatches(_ query: SQLQueryString, what: String) async throws(BrokleError) -> Int {
        var deleted = 0
        while true {
            let count = try await database.write(what) { sql in try await sql.raw(query).all().count }
            deleted += count
            if count < batchSize { return deleted }
        }
    }
}
