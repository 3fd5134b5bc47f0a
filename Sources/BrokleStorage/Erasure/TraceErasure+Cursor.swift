import SQLKit

extension TraceErasure {
    /// The last trace of a batch: its id and its `started_at` exactly as stored — SQLite's REAL as a
    /// Double, PostgreSQL's microseconds as text read back by the same cast — so the next batch
    /// starts right after it and a trace sharing its instant is never skipped, as it could be
    /// through a rounded `Date`.
    struct Cursor: Sendable, Equatable {
        var id: String
        var startedAt: StartedAt
        /// PostgreSQL: the trace's UTC day as its partition is named (`YYYYMMDD`).
        var day: String?

        enum StartedAt: Sendable, Equatable {
            case real(Double)
            case text(String)
        }

        /// The columns the next query's cursor is read from (`cursor_at`, and on PostgreSQL `day`).
        static func column(_ dialect: SQLDialectKind) -> SQLQueryString {
            dialect == .sqlite
                ? "t.started_at AS cursor_at"
                : "CAST(t.started_at AS TEXT) AS cursor_at, to_char(t.started_at AT TIME ZONE 'UTC', 'YYYYMMDD') AS day"
        }

        init(_ row: any SQLRow, _ dialect: SQLDialectKind) throws {
            id = try row.decode(column: "id", as: String.self)
            startedAt =
                dialect == .sqlite
                ? .real(try row.decode(column: "cursor_at", as: Double.self)) : .text(try row.decode(column: "cursor_at", as: String.self))
            day = dialect == .sqlite ? nil : try row.decode(column: "day", as: String.self)
        }

        /// Traces after this one in (started_at, id) order; the first term alone bounds an index range.
        func after(_ dialect: SQLDialectKind) -> SQLQueryString {
            let at: SQLQueryString =
                switch startedAt {
                case .real(let seconds): "\(bind: seconds)"
                case .text(let text): "CAST(\(bind: text) AS TIMESTAMPTZ)"
                }
            return "t.started_at >= " + at + " AND (t.started_at > " + at + " OR t.id > \(bind: id))"
        }
    }
}
