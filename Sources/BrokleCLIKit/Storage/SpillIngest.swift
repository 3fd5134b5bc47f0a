import Foundation

/// Reads spill files (``TraceSpill``) back into the database: traces are inserted by id, so a file
/// read twice (a crash between the insert and the delete, two gateways, a hand-run
/// `brokle trace ingest`) stores each trace once; key use moves `last_used_at` forward only.
public struct SpillIngest: Sendable {
    public let traces: TraceStore
    public let keys: KeyStore

    public init(_ database: Database) {
        traces = TraceStore(database)
        keys = KeyStore(database)
    }

    /// What one file gave.
    public struct FileResult: Sendable, Equatable {
        public var file: String
        public var traces: Int
        /// Traces not stored before (the rest were already there).
        public var inserted: Int
        public var invalidLines: Int
    }

    /// Ingests one file, leaving it in place.
    public func ingest(file path: String, timeout: Duration? = nil) async throws(BrokleError) -> FileResult {
        let contents = try TraceSpill.read(path)
        let inserted = try await traces.insert(contents.traces, timeout: timeout)
        try await keys.recordUsage(contents.keyUsage, timeout: timeout)
        return FileResult(file: path, traces: contents.traces.count, inserted: inserted, invalidLines: contents.invalidLines)
    }

    /// Claims, ingests and removes every file waiting in `spill`, oldest first. Stops at the first
    /// file the database will not take (it is put back for a later try) and returns what was done
    /// and that error.
    public func ingestPending(_ spill: TraceSpill, timeout: Duration? = nil) async -> (done: [FileResult], error: BrokleError?) {
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
