import Foundation
import VaporCSQLite

/// One SQLite connection through SQLite's own C API (the copy SQLiteNIO vendors), for statements
/// worth keeping prepared — SQLiteNIO prepares every statement anew and hides its handle.
///
/// Not thread-safe: its owner uses it from one thread at a time (``SQLiteTraceConnection``). Only
/// ``interrupt()`` may be called from another thread while a statement runs.
final class SQLiteHandle {
    /// A failed SQLite call: SQLite's result code and its message, which names neither bound values
    /// nor the path's folder contents.
    struct Failure: Error, CustomStringConvertible {
        let code: Int32
        let message: String
        var description: String { message }

        init(code: Int32, message: String) {
            self.code = code
            self.message = message
        }

        /// `code` with SQLite's generic text for it.
        init(code: Int32) {
            self.init(code: code, message: String(cString: sqlite_nio_sqlite3_errstr(code)))
        }

        /// The database file cannot be opened (missing folder, no permission): the database is unavailable.
        var isCantOpen: Bool { code & 0xff == SQLITE_CANTOPEN }
    }

    private var db: OpaquePointer?
    /// Longest a statement waits for another connection's write lock.
    let busyTimeout: Duration
    /// Whether the work in progress was abandoned; a wait for the lock ends at once when it was.
    var interruption: SQLiteInterruption?
    private var busySince = ContinuousClock.now

    /// Opens (creating if need be) the database file at `path`.
    init(path: String, busyTimeout: Duration) throws(Failure) {
        self.busyTimeout = busyTimeout
        // NOMUTEX: the owner serialises every use, so SQLite's own connection mutex is not needed.
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite_nio_sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK else {
            let failure = Failure(code: code, message: db.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "out of memory")
            sqlite_nio_sqlite3_close_v2(db)
            db = nil
            throw failure
        }
        sqlite_nio_sqlite3_busy_handler(db, sqliteHandleBusy, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit { close() }

    /// Runs `sql` (statements without results: PRAGMAs, BEGIN, COMMIT).
    func execute(_ sql: String) throws(Failure) {
        let code = sqlite_nio_sqlite3_exec(db, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw failure(code) }
    }

    /// `sql` prepared once, to be stepped again and again.
    func prepare(_ sql: String) throws(Failure) -> Statement {
        var statement: OpaquePointer?
        let code = sqlite_nio_sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw failure(code) }
        return Statement(statement, handle: self)
    }

    /// Rows the last completed INSERT, UPDATE or DELETE changed (0 for an insert that did nothing).
    var changes: Int { Int(sqlite_nio_sqlite3_changes(db)) }

    /// A transaction is open (SQLite rolls one back by itself after some errors).
    var inTransaction: Bool { db != nil && sqlite_nio_sqlite3_get_autocommit(db) == 0 }

    /// Makes the running statement fail with SQLITE_INTERRUPT soon. Safe from any thread while the
    /// connection is open.
    func interrupt() { sqlite_nio_sqlite3_interrupt(db) }

    /// Closes the connection; statements still alive make SQLite defer it until they are finalized.
    func close() {
        guard let db else { return }
        sqlite_nio_sqlite3_close_v2(db)
        self.db = nil
    }

    /// `code` with the connection's message for it.
    func failure(_ code: Int32) -> Failure {
        guard let db else { return Failure(code: SQLITE_MISUSE, message: "the connection is closed") }
        return Failure(code: code, message: String(cString: sqlite_nio_sqlite3_errmsg(db)))
    }

    /// The busy handler: waits in short sleeps for another connection's write lock, until
    /// ``busyTimeout`` or until the work is interrupted. SQLite's own busy timeout would keep waiting
    /// through ``interrupt()``, holding the thread for seconds after the caller gave up.
    fileprivate func waitForLock(attempt: Int32) -> Bool {
        if attempt == 0 { busySince = .now }
        if interruption?.isSet == true || ContinuousClock.now - busySince >= busyTimeout { return false }
        usleep(UInt32(min(Int(attempt) + 1, 10)) * 1_000)
        return true
    }
}

private func sqliteHandleBusy(_ context: UnsafeMutableRawPointer?, _ attempt: Int32) -> Int32 {
    guard let context else { return 0 }
    return Unmanaged<SQLiteHandle>.fromOpaque(context).takeUnretainedValue().waitForLock(attempt: attempt) ? 1 : 0
}
