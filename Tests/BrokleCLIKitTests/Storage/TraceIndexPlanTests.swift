@testable import BrokleCLIKit
@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

/// `trace_rows` keeps only indexes a reader's plan uses (migration 0016): each one is the plan of a
/// query the CLI or the dashboard runs, and there is no other.
@Suite struct TraceIndexPlanTests {
    static let indexes: Set<String> = [
        "trace_rows_id_idx", "trace_rows_started_idx", "trace_rows_org_idx", "trace_rows_user_idx", "trace_rows_session_idx",
    ]

    @Test func everyIndexServesAReaderAndThereIsNoOther() async throws {
        try await TestDatabase.sqlite.withMigrated { _, database in
            let written = try TraceIdentityFilterTests.traces(now: Date())
            try await TraceIdentityFilterTests.store(written, in: database)
            try await database.sql.raw("ANALYZE").run()
            let store = TraceQueryStore(database)
            func plan(_ query: SQLQueryString) async throws -> String {
                try await database.sql.raw("EXPLAIN QUERY PLAN " + query).all()
                    .map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "\n")
            }
            func listing(_ change: (inout TraceFilter) -> Void) async throws -> String {
                var filter = TraceFilter()
                change(&filter)
                return try await plan(store.listing(filter, order: .desc, limit: 50, after: nil))
            }
            let stored = Set(
                try await database.sql.raw("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'trace_rows'").all()
                    .map { try $0.decode(column: "name", as: String.self) })
            #expect(stored == Self.indexes)

            // `trace show ID`: one row through the id's unique index.
            let show = try await plan(store.showing(id: written[0].id))
            #expect(show.contains("SEARCH r USING INDEX trace_rows_id_idx (id=?)"), "\(show)")
            // `trace query --since 24h` (no organization): newest first along started_at.
            let recent = try await listing { $0.since = Date().addingTimeInterval(-86_400) }
            #expect(recent.contains("SEARCH r USING INDEX trace_rows_started_idx (started_at>?)"), "\(recent)")
            // `trace query --org O` and every dashboard listing: the organization's traces in time order.
            let org = try await listing { $0.org = "o1" }
            #expect(org.contains("SEARCH r USING INDEX trace_rows_org_idx (org=?)"), "\(org)")
            // A model or provider filter is checked along one of those (their indexes are gone).
            let model = try await listing { ($0.org, $0.model) = ("o1", "gpt-4o") }
            #expect(model.contains("USING INDEX trace_rows_org_idx"), "\(model)")
            // `--user` and `--session` seek their partial indexes.
            let user = try await listing { ($0.org, $0.endUser) = ("o1", "user-1") }
            #expect(user.contains("USING INDEX trace_rows_user_idx (org=? AND end_user=?)"), "\(user)")
            let session = try await listing { $0.sessionID = "sess-ident-0" }
            #expect(session.contains("USING INDEX trace_rows_session_idx (session_id=?)"), "\(session)")
            // `--follow`: along the insertion order, the rowid itself.
            let follow = try await plan(store.following(after: 100, through: nil, TraceFilter(), limit: 1_000))
            #expect(follow.contains("SEARCH r USING INTEGER PRIMARY KEY (rowid>?)"), "\(follow)")
            // Nothing reads the whole table for these.
            for text in [show, recent, org, user, session, follow] { #expect(!text.contains("SCAN r"), "\(text)") }
        }
    }
}
