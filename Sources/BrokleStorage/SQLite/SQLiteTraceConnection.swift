import BrokleCore
import NIOPosix
import Synchronization
import VaporCSQLite

/// The trace writer's own connection to a SQLite file, beside SQLiteNIO's: statements prepared once
/// (``SQLiteTraceSession``), run by one batch at a time on a thread of its own (a one-thread
/// `NIOThreadPool`) — never on an event loop or the Swift concurrency pool. Its own thread, not
/// `NIOThreadPool.singleton`: a batch holds its thread for the whole transaction, waiting for the
/// write lock included, and the singleton's few threads run SQLiteNIO's statements (key lookups on
/// the request path among them). Thread and connection start with the first batch and stop with
/// ``close()`` (``Database/close()``).
///
/// Both connections write the same file: WAL lets readers run beside either writer, and each waits
/// for the other's write lock (``SQLiteHandle/busyTimeout`` here, `busy_timeout` there).
final class SQLiteTraceConnection: @unchecked Sendable {
    let path: String
    let busyTimeout: Duration
    /// One batch at a time, in arrival order.
    private let gate = SerialGate()
    // `pool`, `session` and `closed` are touched only by the task holding `gate` (`session` on the
    // pool's thread): that is what makes this class safe to share.
    private var pool: NIOThreadPool?
    private var session: SQLiteTraceSession?
    private var closed = false
    /// The batch on the pool's thread, so a caller that gives up can interrupt its connection.
    private let running = Mutex<Running?>(nil)

    private struct Running: @unchecked Sendable {
        let interruption: SQLiteInterruption
        let handle: SQLiteHandle
    }

    init(path: String, busyTimeout: Duration = .seconds(5)) {
        self.path = path
        self.busyTimeout = busyTimeout
    }

    /// Stores `traces` (each id once) with their totals and attempts in one transaction; how many
    /// were new. When the calling task is cancelled (``Database/call(_:timeout:_:)``'s time limit),
    /// a batch still waiting its turn does not run, and a running one is interrupted and rolled back,
    /// so the thread returns and the next batch starts on a clean connection.
    func write(_ traces: [TraceRecord]) async throws -> Int {
        let interruption = SQLiteInterruption()
        return try await withTaskCancellationHandler {
            try await gate.run {
                try Task.checkCancellation()
                return try await startedPool().runIfActive { [self] in try run(traces, interruption) }
            }
        } onCancel: {
            interruption.set()
            // Under the lock, the connection cannot be closed (the batch clears `running` first).
            running.withLock { running in
                if let running, running.interruption === interruption { running.handle.interrupt() }
            }
        }
    }

    /// Holding `gate`.
    private func startedPool() throws -> NIOThreadPool {
        if let pool { return pool }
        guard !closed else { throw SQLiteHandle.Failure(code: SQLITE_MISUSE, message: "the trace connection is closed") }
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        self.pool = pool
        return pool
    }

    /// Runs `sql` on this connection, opening it if need be — a PRAGMA, such as the `query_only`
    /// with which tests make the database refuse the writer's writes.
    func execute(_ sql: String) async throws {
        try await gate.run {
            try await startedPool().runIfActive { [self] in try openedSession().handle.execute(sql) }
        }
    }

    /// On the pool's thread, holding `gate`.
    private func openedSession() throws(SQLiteHandle.Failure) -> SQLiteTraceSession {
        if let session { return session }
        let session = try SQLiteTraceSession(path: path, busyTimeout: busyTimeout)
        self.session = session
        return session
    }

    /// On the pool's thread, holding `gate`.
    private func run(_ traces: [TraceRecord], _ interruption: SQLiteInterruption) throws -> Int {
        let session = try openedSession()
        running.withLock { $0 = Running(interruption: interruption, handle: session.handle) }
        defer { running.withLock { $0 = nil } }
        // Cancelled before `running` was set: nobody interrupted the connection, so stop here.
        if interruption.isSet { throw CancellationError() }
        return try session.write(traces, interruption: interruption)
    }

    /// Finalizes the statements, closes the connection and stops the thread, after the batch in
    /// progress; later batches fail.
    func close() async {
        try? await gate.run {
            closed = true
            guard let pool else { return }
            self.pool = nil
            try? await pool.runIfActive { [self] in session = nil }
            try? await pool.shutdownGracefully()
        }
    }
}
