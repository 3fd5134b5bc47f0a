import NIOPosix
import Synchronization
import VaporCSQLite

/// The trace writer's own connection to a SQLite file, beside SQLiteNIO's: statements prepared once
/// (``SQLiteTraceSession``), run on NIO's blocking thread pool — never on an event loop or the Swift
/// concurrency pool — by one batch at a time. Opened by the first batch, closed with the ``Database``.
///
/// Both connections write the same file: WAL lets readers run beside either writer, and each waits
/// for the other's write lock (``SQLiteHandle/busyTimeout`` here, `busy_timeout` there).
final class SQLiteTraceConnection: @unchecked Sendable {
    let path: String
    let busyTimeout: Duration
    private let pool: NIOThreadPool
    /// One batch at a time, in arrival order.
    private let gate = SerialGate()
    // `session` and `closed` are touched only by the task holding `gate`, on a pool thread: that is
    // what makes this class safe to share.
    private var session: SQLiteTraceSession?
    private var closed = false
    /// The batch on the pool thread, so a caller that gives up can interrupt its connection.
    private let running = Mutex<Running?>(nil)

    private struct Running: @unchecked Sendable {
        let interruption: SQLiteInterruption
        let handle: SQLiteHandle
    }

    init(path: String, busyTimeout: Duration = .seconds(5), pool: NIOThreadPool = .singleton) {
        self.path = path
        self.busyTimeout = busyTimeout
        self.pool = pool
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
                return try await pool.runIfActive { [self] in try run(traces, interruption) }
            }
        } onCancel: {
            interruption.set()
            // Under the lock, the connection cannot be closed (the batch clears `running` first).
            running.withLock { running in
                if let running, running.interruption === interruption { running.handle.interrupt() }
            }
        }
    }

    /// On the pool thread, holding `gate`.
    private func run(_ traces: [TraceRecord], _ interruption: SQLiteInterruption) throws -> Int {
        guard !closed else { throw SQLiteHandle.Failure(code: SQLITE_MISUSE, message: "the trace connection is closed") }
        let session = try self.session ?? SQLiteTraceSession(path: path, busyTimeout: busyTimeout)
        self.session = session
        running.withLock { $0 = Running(interruption: interruption, handle: session.handle) }
        defer { running.withLock { $0 = nil } }
        // Cancelled before `running` was set: nobody interrupted the connection, so stop here.
        if interruption.isSet { throw CancellationError() }
        return try session.write(traces, interruption: interruption)
    }

    /// Finalizes the statements and closes the connection, after the batch in progress; later
    /// batches fail.
    func close() async {
        try? await gate.run {
            try await pool.runIfActive { [self] in
                closed = true
                session = nil
            }
        }
    }
}
