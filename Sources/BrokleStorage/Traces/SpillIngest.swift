import BrokleCore
import Foundation

/// Reads spill files (``TraceSpill``) back into the database: traces are inserted by id, so a file
/// read twice (a crash between the insert and the delete, two gateways, a hand-run
/// `brokle trace ingest`) stores each trace once; key use moves `last_used_at` forward only.
package struct SpillIngest: Sendable {
    package let traces: TraceStore
    package let keys: KeyStore

    package init(_ database: Database) {
        traces = TraceStore(database)
        keys = KeyStore(database)
    }

    /// What one file gave.
    package struct FileResult: Sendable, Equatable {
        package var file: String
        package var traces: Int
        /// Traces not stored before (the rest were already there).
        package var inserted: Int
        package var invalidLines: Int
    }

    /// Ingests one file, leaving it in place.
    package func ingest(file path: String, timeout: Duration? = nil) async throws(BrokleError) -> FileResult {
        let contents = try TraceSpill.read(path)
        let inserted = try await traces.insert(contents.traces, timeout: timeout)
        try await keys.recordUsage(contents.keyUsage, timeout: timeout)
        return FileResult(file: path, traces: contents.traces.count, inserted: inserted, invalidLines: contents.invalidLines)
    }

    /// Claims, ingests and removes every file waiting in `spill`, oldest first. Stops at the first
    /// file the database will not take (it is put back for a later try) and returns what was done
    /// and that error.
    package func ingestPending(_ spill: TraceSpill, timeout: Duration? = nil) async -> (done: [FileResult], error: BrokleError?) {
        var done: [FileResult] = []
        for path in spill.pending() {
            guard let claimed = spill.claim(path) else { continue }
            do {
                var result = try await ingest(file: claimed, timeout: timeout)
                result.file = path
                unlink(claimed)
                done.append(result)
            } catch {
                spill.release(claimed)
                return (done, error)
            }
        }
        return (done, nil)
    }
}
