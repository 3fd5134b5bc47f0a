@testable import BrokleCLIKit
@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

/// `trace query --user/--session/--tag/--meta` over traces written with identities, on both
/// databases: each filter returns exactly the matching traces, a session in conversation order,
/// and the plans on SQLite seek the partial indexes.
@Suite struct TraceIdentityFilterTests {
    static let targets = [
        DemoTraces.Target(organizationID: "o1", projectID: "p1", environmentID: "e1", apiKeyID: "k1"),
        DemoTraces.Target(organizationID: "o2", projectID: "p2", environmentID: "e2", apiKeyID: "k2"),
    ]

    /// Demo traces (most with an end user, some with sessions, tags and metadata) and three with
    /// metadata that needs care: a dotted key with a number literal, a boolean, a key with a quote, a null.
    static func traces(now: Date) throws -> [TraceRecord] {
        var traces = DemoTraces(profile: "ident", targets: targets, now: now, prices: try PriceBook.shipped()).traces(0..<1_200)
        let odd = [#"{"a.b":1.50,"flag":true}"#, #"{"q\"k":"v","n":null,"flag":false}"#, #"{"plan":"pro","ab":2}"#]
        for (index, metadata) in odd.enumerated() {
            var trace = traces[index]
            trace.id = "odd-\(index)"
            trace.metadata = metadata
            trace.sessionID = nil
            traces.append(trace)
        }
        return traces
    }

    /// Writes `traces` through the trace writer, with the organizations they name (slug = id), so
    /// `--org` filters find them.
    static func store(_ traces: [TraceRecord], in database: Database) async throws {
        for org in Set(traces.map(\.organizationID)) {
            try await database.sql.raw(
                "INSERT INTO organizations (id, slug, name, created_at, updated_at) VALUES (\(bind: org), \(bind: org), \(bind: org), \(bind: Date()), \(bind: Date()))"
            ).run()
        }
        #expect(try await TraceStore(database).insert(traces) == traces.count)
    }

    func ids(_ traces: [TraceQueryStore.StoredTrace]) -> Set<String> { Set(traces.map(\.record.id)) }

    @Test(arguments: TestDatabase.available)
    func eachFilterReturnsExactlyTheMatchingTraces(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let written = try Self.traces(now: Date())
            try await Self.store(written, in: database)
            let store = TraceQueryStore(database)
            func query(_ change: (inout TraceFilter) -> Void, order: TraceQueryStore.Order = .desc) async throws -> [TraceQueryStore
                .StoredTrace]
            {
                var filter = TraceFilter()
                change(&filter)
                return try await store.query(filter, order: order, limit: 10_000, after: nil, withAttempts: false)
            }

            let busiest = try #require(
                Dictionary(grouping: written.compactMap(\.endUser), by: { $0 }).max { $0.value.count < $1.value.count }?.key)
            let byUser = try await query { $0.endUser = busiest }
            #expect(ids(byUser) == Set(written.filter { $0.endUser == busiest }.map(\.id)))
            #expect(byUser.count > 1)
            let inOrg = try await query { ($0.endUser, $0.org) = (busiest, "o1") }
            #expect(ids(inOrg) == Set(written.filter { $0.endUser == busiest && $0.organizationID == "o1" }.map(\.id)))
            #expect(try await query { $0.endUser = "nobody" }.isEmpty)

            // A session reads back whole, and --session's default order is the conversation's.
            let session = try #require(written.compactMap(\.sessionID).first)
            let conversation = try await query({ $0.sessionID = session }, order: .asc)
            #expect(
                conversation.map(\.record.id) == written.filter { $0.sessionID == session }.sorted { $0.startedAt < $1.startedAt }.map(\.id)
            )
            #expect(conversation.count == 4)
            #expect(conversation.allSatisfy { $0.record.sessionID == session })

            let beta = try await query { $0.tags = ["beta"] }
            #expect(ids(beta) == Set(written.filter { $0.tags?.contains("beta") == true }.map(\.id)))
            let two = try #require(written.first { ($0.tags?.count ?? 0) == 2 }?.tags)
            let both = try await query { $0.tags = two }
            #expect(ids(both) == Set(written.filter { Set($0.tags ?? []).isSuperset(of: two) }.map(\.id)))
            #expect(!both.isEmpty)
            #expect(both.allSatisfy { $0.record.tags.map { Set($0).isSuperset(of: two) } == true })

            func meta(_ pairs: [(String, String)]) async throws -> Set<String> {
                ids(try await query { $0.metadata = pairs.map { TraceFilter.MetadataMatch(key: $0.0, value: $0.1) } })
            }
            let pro = written.filter { $0.metadata?.contains(#""plan":"pro""#) == true }
            #expect(try await meta([("plan", "pro")]) == Set(pro.map(\.id)))
            #expect(
                try await meta([("plan", "pro"), ("ab", "2")]) == Set(pro.filter { $0.metadata?.contains(#""ab":2"#) == true }.map(\.id)))
            #expect(try await meta([("a.b", "1.50")]) == ["odd-0"], "a dotted key, a number by its literal")
            #expect(try await meta([("flag", "true")]) == ["odd-0"])
            #expect(try await meta([("flag", "false")]) == ["odd-1"])
            #expect(try await meta([("q\"k", "v")]) == ["odd-1"], "a key with a quote")
            #expect(try await meta([("n", "null")]).isEmpty, "a JSON null matches nothing")
            #expect(try await meta([("plan", "pro"), ("region", "nowhere")]).isEmpty)

            // Everything together, and the identity read back on each row.
            let mixed = try #require(written.first { $0.endUser != nil && $0.tags != nil && $0.metadata?.contains("region") == true })
            let region = mixed.metadata!.contains(#""region":"eu""#) ? "eu" : "us"
            let all = try await query {
                ($0.endUser, $0.tags) = (mixed.endUser, [mixed.tags![0]])
                $0.metadata = [.init(key: "region", value: region)]
            }
            #expect(ids(all).contains(mixed.id))
            let row = try #require(all.first { $0.record.id == mixed.id }?.record)
            #expect(
                row.endUser == mixed.endUser && row.sessionID == mixed.sessionID && row.tags == mixed.tags && row.metadata == mixed.metadata
            )

            // --follow reads with the same filters.
            var followed = TraceFilter()
            followed.endUser = busiest
            let finished = try await store.stored(after: 0, followed, limit: 10_000)
            #expect(ids(finished) == Set(written.filter { $0.endUser == busiest }.map(\.id)))
        }
    }

    @Test func sqlitePlansSeekThePartialIndexes() async throws {
        try await TestDatabase.sqlite.withMigrated { _, database in
            try await Self.store(try Self.traces(now: Date()), in: database)
            let store = TraceQueryStore(database)
            func plan(_ change: (inout TraceFilter) -> Void) async throws -> String {
                var filter = TraceFilter()
                change(&filter)
                let rows = try await database.sql.raw("EXPLAIN QUERY PLAN " + store.listing(filter, order: .desc, limit: 100, after: nil))
                    .all()
                return try rows.map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "\n")
            }
            let user = try await plan { $0.endUser = "user-1" }
            #expect(user.contains("SEARCH r USING INDEX trace_rows_user_idx (org=? AND end_user=?)"), "\(user)")
            let userInOrg = try await plan { ($0.endUser, $0.org, $0.since) = ("user-1", "o1", Date(timeIntervalSince1970: 0)) }
            #expect(userInOrg.contains("USING INDEX trace_rows_user_idx"), "\(userInOrg)")
            let session = try await plan { $0.sessionID = "sess-ident-0" }
            #expect(session.contains("SEARCH r USING INDEX trace_rows_session_idx (session_id=?)"), "\(session)")
        }
    }

    @Test(arguments: TestDatabase.available)
    func traceByIDCarriesAttemptsAndContent(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            var streamed = TraceStoreTests.fullAndEmpty()[0]
            streamed.id = "req_streamed"
            streamed.identity = RequestIdentity(endUser: "alice", sessionID: "s-1", tags: ["beta", "chat"], metadata: #"{"plan":"pro"}"#)
            streamed.content = TraceContent(
                mode: .full, request: #"{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"hi"}]}"#,
                response: #"{"object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"hel"}}]}"#,
                responseBytes: 4_000)
            let plain = TraceStoreTests.fullAndEmpty()[1]
            #expect(try await TraceStore(database).insert([streamed, plain]) == 2)
            let store = TraceQueryStore(database)
            let read = try #require(try await store.trace(id: "req_streamed"))
            #expect(read.record == streamed)
            #expect(read.record.attemptRecords.count == 2 && read.record.content?.responseTruncated == true)
            #expect(try await store.trace(id: plain.id)?.record.content == nil)
            #expect(try await store.trace(id: "req_missing") == nil)
        }
    }
}
