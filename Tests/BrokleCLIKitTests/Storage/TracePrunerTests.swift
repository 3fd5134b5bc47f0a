@testable import BrokleCLIKit
@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Synchronization
import Testing

/// Retention on two clocks, on both databases: content goes before its trace, traces go with their
/// attempts and content, organizations keep their own retention, a dry run changes nothing, and
/// the hourly totals (cost reports) keep every pruned request.
@Suite struct TracePrunerTests {
    static let day: TimeInterval = 86_400

    /// A trace of `org` started `age` seconds before `now`, with one attempt and (when `content`) captured content.
    static func trace(_ id: String, org: String = "o", age: TimeInterval, now: Date, content: Bool = true) -> TraceRecord {
        var trace = DemoTraces(
            profile: "prune", targets: [.init(organizationID: org, projectID: "p", environmentID: "e", apiKeyID: "k")], now: now
        )
        .traces(0..<1)[0]
        let started = now.addingTimeInterval(-age)
        trace.id = id
        trace.startedAt = started
        trace.finishedAt = started.addingTimeInterval(1)
        trace.attempts = 1
        trace.attemptRecords = [
            TraceAttemptRecord(
                attempt: 1, provider: "openai", model: "gpt-4o", status: .ok, httpStatus: 200, errorType: nil, errorMessage: nil,
                latencyMs: 10, tokensIn: 1, tokensOut: 1, costNanoUSD: 1, startedAt: started)
        ]
        trace.content = content ? TraceContent(mode: .full, request: "{\"q\":\"\(id)\"}", response: "answer") : nil
        return trace
    }

    static func ids(_ table: String, _ database: Database) async throws -> Set<String> {
        let column = table == "traces" ? "id" : "trace_id"
        return Set(
            try await database.sql.raw("SELECT \(unsafeRaw: column) AS id FROM \(unsafeRaw: table)").all().map {
                try $0.decode(column: "id", as: String.self)
            })
    }

    static func requestsInRollups(_ database: Database) async throws -> Int {
        try await database.count("SELECT CAST(COALESCE(sum(requests), 0) AS BIGINT) AS n FROM usage_hourly")
    }

    static let defaults = RetentionRules(traceRetention: 30 * day, contentRetention: 7 * day)

    @Test(arguments: TestDatabase.available)
    func contentGoesFirstThenTracesWithTheirAttemptsAndTheTotalsStay(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let now = Date()
            try await TraceStore(database).insert([
                Self.trace("old", age: 40 * Self.day, now: now), Self.trace("week", age: 10 * Self.day, now: now),
                Self.trace("new", age: 3_600, now: now),
            ])
            let requests = try await Self.requestsInRollups(database)

            let report = try await TracePruner(database).prune(Self.defaults.cuts(now: now))
            #expect(report.traces == 1)
            #expect(report.attempts == 1)
            #expect(report.contents == 2)
            #expect(try await Self.ids("traces", database) == ["week", "new"])
            #expect(try await Self.ids("trace_attempts", database) == ["week", "new"])
            #expect(try await Self.ids("trace_contents", database) == ["new"], "content is kept 7 days, its trace 30")
            #expect(try await Self.requestsInRollups(database) == requests, "hourly totals are never pruned")
            #expect(try await CostReportStore(database).total(TraceFilter()).requests == 3)

            let again = try await TracePruner(database).prune(Self.defaults.cuts(now: now))
            #expect(again.traces + again.attempts + again.contents == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func organizationsKeepTheirOwnRetentionAndContentNeverOutlivesItsTrace(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let now = Date()
            var traces: [TraceRecord] = []
            for org in ["long", "short", "plain"] {
                traces += [
                    Self.trace("\(org)-40d", org: org, age: 40 * Self.day, now: now),
                    Self.trace("\(org)-3d", org: org, age: 3 * Self.day, now: now),
                    Self.trace("\(org)-2h", org: org, age: 2 * 3_600, now: now),
                ]
            }
            try await TraceStore(database).insert(traces)
            // `long` keeps traces 60 days (content on the default 7); `short` keeps traces a day and
            // content 30 days — content goes with its trace after a day.
            for (org, trace, content) in [("long", 60 * 86_400, nil), ("short", 86_400, 30 * 86_400)] as [(String, Int, Int?)] {
                try await database.sql.raw(
                    """
                    INSERT INTO logging_policies (scope_kind, scope_id, organization_id, trace_retention_seconds, content_retention_seconds,
                        created_at, updated_at)
                    VALUES ('organization', \(bind: org), \(bind: org), \(bind: trace), \(bind: content), \(bind: now), \(bind: now))
                    """
                ).run()
            }
            let pruner = TracePruner(database)
            let rules = try await pruner.rules(traceRetention: 30 * Self.day, contentRetention: 7 * Self.day)
            #expect(rules.organizations.count == 2)

            let dry = try await pruner.prune(rules.cuts(now: now), dryRun: true)
            #expect(dry.traces == 3 && dry.attempts == 3 && dry.contents == 4)
            #expect(try await Self.ids("traces", database).count == 9, "a dry run removes nothing")

            let report = try await pruner.prune(rules.cuts(now: now))
            #expect(report == dry)
            #expect(try await Self.ids("traces", database) == ["long-40d", "long-3d", "long-2h", "short-2h", "plain-3d", "plain-2h"])
            #expect(
                try await Self.ids("trace_attempts", database) == ["long-40d", "long-3d", "long-2h", "short-2h", "plain-3d", "plain-2h"])
            #expect(try await Self.ids("trace_contents", database) == ["long-3d", "long-2h", "short-2h", "plain-3d", "plain-2h"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func oneCutForEverythingAndContentOnly(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let now = Date()
            try await TraceStore(database).insert([
                Self.trace("a", age: 5 * Self.day, now: now), Self.trace("b", age: 2 * Self.day, now: now),
                Self.trace("c", age: 60, now: now),
            ])
            let pruner = TracePruner(database)
            let contentOnly = try await pruner.prune(.uniform(before: now.addingTimeInterval(-Self.day), contentOnly: true))
            #expect(contentOnly.traces == 0 && contentOnly.contents == 2)
            #expect(try await Self.ids("traces", database) == ["a", "b", "c"])
            let all = try await pruner.prune(.uniform(before: now.addingTimeInterval(-3 * Self.day)))
            #expect(all.traces == 1 && all.attempts == 1 && all.contents == 0)
            #expect(try await Self.ids("traces", database) == ["b", "c"])
        }
    }

    /// The trace writer keeps writing (its own connection on a SQLite file) while thousands of old
    /// traces are pruned: every write lands within its time limit, nothing written after the cut is
    /// lost, and every old trace goes.
    @Test(arguments: TestDatabase.available)
    func pruningBesideTheTraceWriterLosesNothingItWrote(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let now = Date()
            let store = TraceStore(database)
            let old = (0..<20_000).map { Self.trace("old-\($0)", age: 40 * Self.day + Double($0), now: now, content: $0 % 2 == 0) }
            try await store.insert(old)
            let done = Atomic(false)
            let writing = Task {
                var written = 0
                var longest = Duration.zero
                while !done.load(ordering: .relaxed) || written == 0 {
                    let batch = (0..<100).map { Self.trace("new-\(written + $0)", age: 60, now: now) }
                    let start = ContinuousClock.now
                    // The writer's own bound: a write that waited past it would throw here.
                    written += try await store.insert(batch, timeout: .seconds(5))
                    longest = max(longest, ContinuousClock.now - start)
                }
                print("pruning beside the writer (\(kind)): \(written) traces written, the longest batch took \(longest)")
                return written
            }
            let holds = Mutex<[Duration]>([])
            var pruner = TracePruner(database)
            pruner.onBatch = { held, _ in holds.withLock { $0.append(held) } }
            let report = try await pruner.prune(Self.defaults.cuts(now: now))
            done.store(true, ordering: .relaxed)
            let written = try await writing.value

            #expect(report.traces == old.count)
            #expect(report.attempts == old.count)
            #expect(report.contents == old.count / 2)
            #expect(try await database.count("SELECT count(*) AS n FROM traces WHERE id LIKE 'old-%'") == 0)
            #expect(try await database.count("SELECT count(*) AS n FROM traces WHERE id LIKE 'new-%'") == written)
            #expect(try await database.count("SELECT count(*) AS n FROM trace_contents WHERE trace_id LIKE 'new-%'") == written)
            #expect(holds.withLock { $0.count } > 1, "pruned in more than one batch")
        }
    }

    @Test func batchesFollowTheTimeTheLastOneHeldTheLock() {
        #expect(TracePruner.nextLimit(after: 1_000, held: .milliseconds(50), target: .milliseconds(25)) == 500)
        #expect(TracePruner.nextLimit(after: 1_000, held: .milliseconds(5), target: .milliseconds(25)) == 2_000)
        #expect(TracePruner.nextLimit(after: 1_000, held: .milliseconds(20), target: .milliseconds(25)) == 1_250)
        #expect(TracePruner.nextLimit(after: 120, held: .seconds(1), target: .milliseconds(25)) == 100)
    }

    @Test func contentIsCutAtTheShorterOfItsTwoClocks() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let rules = RetentionRules(
            traceRetention: 30 * Self.day, contentRetention: nil,
            organizations: ["forever": LoggingPolicy(traceRetentionSeconds: nil, contentRetentionSeconds: 86_400)])
        let cuts = rules.cuts(now: now)
        #expect(cuts.contents.everyone == now.addingTimeInterval(-30 * Self.day), "content without a clock goes with its trace")
        #expect(cuts.contents.organizations == [.init(id: "forever", before: now.addingTimeInterval(-Self.day))])
        #expect(cuts.traces.organizations.isEmpty)
        #expect(cuts.traces.everyRowBefore == now.addingTimeInterval(-30 * Self.day))
        let keeping = RetentionRules(
            traceRetention: 30 * Self.day, contentRetention: 7 * Self.day,
            organizations: ["k": LoggingPolicy(traceRetentionSeconds: 90 * 86_400)])
        #expect(keeping.cuts(now: now).traces.everyRowBefore == now.addingTimeInterval(-90 * Self.day))
        #expect(RetentionRules(traceRetention: nil, contentRetention: nil).cuts(now: now).traces.rules.isEmpty)

        // 0 (`brokle logging set --org … --trace-retention forever`): that organization's traces
        // stay, the others' go at the default, and no day can be dropped whole.
        let forever = RetentionRules(
            traceRetention: 30 * Self.day, contentRetention: 7 * Self.day, organizations: ["f": LoggingPolicy(traceRetentionSeconds: 0)])
        let foreverCuts = forever.cuts(now: now)
        #expect(foreverCuts.traces.organizations == [.init(id: "f", before: nil)])
        #expect(foreverCuts.traces.everyRowBefore == nil)
        #expect(foreverCuts.traces.rules == [PruneRule(organizations: .except(["f"]), before: now.addingTimeInterval(-30 * Self.day))])
        #expect(foreverCuts.contents.organizations == [.init(id: "f", before: now.addingTimeInterval(-7 * Self.day))])
    }
}
