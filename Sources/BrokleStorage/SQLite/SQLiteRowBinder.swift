import Foundation
import VaporCSQLite

/// Binds one row's values (``TraceRows``, ``UsageRollup``) straight into a prepared statement, in
/// column order: no array of values, no allocation per value. Text is copied into ``SQLiteTextArena``
/// and bound SQLITE_STATIC; the statement is reset before the arena is reused.
struct SQLiteRowBinder: TraceRowSink {
    let statement: SQLiteHandle.Statement
    let arena: SQLiteTextArena
    private var index: Int32 = 0
    /// The first bind that failed, else SQLITE_OK.
    private(set) var result = SQLITE_OK

    init(_ statement: SQLiteHandle.Statement, arena: SQLiteTextArena) {
        self.statement = statement
        self.arena = arena
        arena.clear()
    }

    private mutating func advance() -> Int32 {
        index += 1
        return index
    }

    private mutating func check(_ code: Int32) {
        if code != SQLITE_OK && result == SQLITE_OK { result = code }
    }

    mutating func bind(_ value: String) {
        let at = advance()
        check(arena.bind(value, to: statement, at: at))
    }
    mutating func bind(_ value: String?) {
        guard let value else { return bindNull() }
        bind(value)
    }
    mutating func bind(_ value: Int) { bind(Int64(value)) }
    mutating func bind(_ value: Int?) {
        guard let value else { return bindNull() }
        bind(Int64(value))
    }
    mutating func bind(_ value: Int64?) {
        guard let value else { return bindNull() }
        bind(value)
    }
    mutating func bind(_ value: Double) {
        let at = advance()
        check(statement.bind(at, value))
    }
    mutating func bind(_ value: Double?) {
        guard let value else { return bindNull() }
        bind(value)
    }
    private mutating func bind(_ value: Int64) {
        let at = advance()
        check(statement.bind(at, value))
    }
    private mutating func bindNull() {
        let at = advance()
        check(statement.bindNull(at))
    }
    /// As SQLiteNIO stores a Bool: 1 or 0.
    mutating func bind(_ value: Bool) { bind(value ? 1 : 0) }
    /// As SQLiteNIO stores a Date: REAL seconds since 1970.
    mutating func bind(_ value: Date) { bind(value.timeIntervalSince1970) }
    mutating func bind(bytes value: [UInt8]) {
        let at = advance()
        check(statement.bindBlob(at, value))
    }
}

/// Memory for one row's text, reused row after row, so text is bound SQLITE_STATIC without SQLite
/// allocating a copy of every value. A Swift string's own bytes cannot be bound that way: they are
/// only guaranteed in place inside a closure, and the statement reads them later, when stepped.
final class SQLiteTextArena {
    private let base: UnsafeMutablePointer<CChar>
    private let capacity: Int
    private var used = 0

    /// 16 KB holds a trace row's text many times over; a longer row binds the rest as copies.
    init(capacity: Int = 16 * 1024) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Makes all the room available again; the statements bound from it must have been reset.
    func clear() { used = 0 }

    /// Binds `value` as text at `index`: copied here and bound SQLITE_STATIC while it fits, else
    /// bound SQLITE_TRANSIENT (SQLite copies it).
    func bind(_ value: String, to statement: SQLiteHandle.Statement, at index: Int32) -> Int32 {
        var value = value
        return value.withUTF8 { bytes in
            // `base + used` is never nil, so an empty string binds as '' rather than NULL.
            let start = base + used
            guard bytes.count <= capacity - used else {
                return UnsafeRawPointer(bytes.baseAddress!).withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    statement.bindText(index, $0, count: bytes.count, copy: true)
                }
            }
            if let source = bytes.baseAddress { UnsafeMutableRawPointer(start).copyMemory(from: source, byteCount: bytes.count) }
            used += bytes.count
            return statement.bindText(index, start, count: bytes.count, copy: false)
        }
    }
}
