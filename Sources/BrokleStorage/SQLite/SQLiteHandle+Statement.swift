import VaporCSQLite

extension SQLiteHandle {
    /// A prepared statement, kept and re-run: bind, ``step()``, ``reset()``. Finalized when released.
    final class Statement {
        private let pointer: OpaquePointer
        /// Strong, so the connection outlives its statements (`close_v2` would wait for them anyway).
        private let handle: SQLiteHandle

        init(_ pointer: OpaquePointer, handle: SQLiteHandle) {
            self.pointer = pointer
            self.handle = handle
        }

        deinit { sqlite_nio_sqlite3_finalize(pointer) }

        /// Runs the statement to its next row: true for a row, false when done.
        @discardableResult
        func step() throws(Failure) -> Bool {
            switch sqlite_nio_sqlite3_step(pointer) {
            case SQLITE_ROW: return true
            case SQLITE_DONE: return false
            case let code: throw handle.failure(code)
            }
        }

        /// Makes it ready to run again, and drops its bound values so none points at memory reused
        /// for the next row (see ``SQLiteRowBinder``).
        func reset() {
            sqlite_nio_sqlite3_reset(pointer)
            sqlite_nio_sqlite3_clear_bindings(pointer)
        }

        /// Binding by 1-based `index`, returning SQLite's result code (SQLITE_OK, or SQLITE_RANGE for a
        /// wrong index, SQLITE_TOOBIG past its limits).
        func bindNull(_ index: Int32) -> Int32 { sqlite_nio_sqlite3_bind_null(pointer, index) }
        func bind(_ index: Int32, _ value: Int64) -> Int32 { sqlite_nio_sqlite3_bind_int64(pointer, index, value) }
        func bind(_ index: Int32, _ value: Double) -> Int32 { sqlite_nio_sqlite3_bind_double(pointer, index, value) }
        /// The integer in column `index` (from 0) of the row ``step()`` stopped at.
        func int64(_ index: Int32) -> Int64 { sqlite_nio_sqlite3_column_int64(pointer, index) }
        /// The real number in column `index` (from 0) of the row ``step()`` stopped at.
        func double(_ index: Int32) -> Double { sqlite_nio_sqlite3_column_double(pointer, index) }

        /// `bytes` as a blob, copied by SQLite (SQLITE_TRANSIENT).
        func bindBlob(_ index: Int32, _ bytes: [UInt8]) -> Int32 {
            bytes.withUnsafeBytes {
                sqlite_nio_sqlite3_bind_blob(pointer, index, $0.baseAddress, Int32($0.count), sqliteTransient)
            }
        }

        /// UTF-8 text of `count` bytes at `bytes`. `copy` false (SQLITE_STATIC) promises the bytes stay
        /// put until the statement is reset; true (SQLITE_TRANSIENT) has SQLite copy them now.
        func bindText(_ index: Int32, _ bytes: UnsafePointer<CChar>, count: Int, copy: Bool) -> Int32 {
            sqlite_nio_sqlite3_bind_text64(pointer, index, bytes, UInt64(count), copy ? sqliteTransient : nil, UInt8(SQLITE_UTF8))
        }
    }
}

/// SQLite's SQLITE_TRANSIENT, a macro Swift does not import.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
