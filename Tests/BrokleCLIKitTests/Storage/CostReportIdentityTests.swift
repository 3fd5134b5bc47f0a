@testable import BrokleCLIKit
@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

/// `cost report --group-by user|session|tag` and `cache stats --tag` equal aggregating the traces
/// directly, for any range; and a report says when it reaches back before the traces still stored.
@Suite struct CostReportIdentityTests {
    struct Sums: Equatable {
        var requests = 0, tokensIn = 0
        var cost: Int64 = 0
    }

    func sums(_ traces: [TraceRecord]) -> Sums {
        Sums(requests: traces.count, tokensIn: traces.reduce(0) { $0 + $1.tokensIn }, cost: traces.compactMap(\.costNanoUSD).reduce(0, +))
    }

    func sums(_ totals: CostReportStore.Totals) -> Sums {
        Sums(requests: totals.requests, tokensIn: totals.tokensIn, cost: totals.costNanoUSD ?? 0)
    }

    func windows(_ now: Date) -> [(Date?, Date?)] {
        let hour = UsageRollup.floorHour(now.addingTimeInterval(-30 * 3600))
        return [
            (nil, nil),
            (now.addingTimeInterval(-9 * 86_400 - 1234), now.addingTimeInterval(-86_400 + 555)),
            (hour.addingTimeInterval(600), hour.addingTimeInterval(1800)),
            (UsageRollup.floorHour(now.addingTimeInterval(-5 * 86_400)), nil),
        ]
    }

    @Test(arguments: TestDatabase.available)
    func groupsByUserSessionAndTagMatchTheTraces(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let now = Date()
            let traces = try TraceIdentityFilterTests.traces(now: now)
            try await TraceIdentityFilterTests.store(traces, in: database)
            let store = CostReportStore(database)
            for (since, until) in windows(now) {
                var filter = TraceFilter()
                (filter.since, filter.until) = (since, until)
                let inRange = traces.filter { t in (since.map { t.startedAt >= $0 } ?? true) && (until.map { t.startedAt < $0 } ?? true) }
                let label = "\(String(describing: since))..<\(String(describing: until))"

                let byUser = try await store.groups(by: [.user], filter)
                let users = Dictionary(grouping: inRange, by: \.endUser)
                #expect(byUser.count == users.count, "\(label)")
                for group in byUser {
                    #expect(sums(group.totals) == sums(users[group.keys[.user]] ?? []), "\(label) \(String(describing: group.keys[.user]))")
                }
                #expect(byUser.last?.keys[.user] == nil || !users.keys.contains(nil), "the null group comes last")

                let bySession = try await store.groups(by: [.session], filter)
                #expect(bySession.count == Dictionary(grouping: inRange, by: \.sessionID).count)
                #expect(bySession.reduce(0) { $0 + $1.totals.requests } == inRange.count)

                // Two tags count in both tags' groups; no tags is the null group; the total counts each once.
                let byTag = try await store.groups(by: [.tag], filter)
                for group in byTag {
                    let tag = group.keys[.tag]
                    let members = inRange.filter { trace in tag.map { trace.tags?.contains($0) == true } ?? (trace.tags ?? []).isEmpty }
                    #expect(sums(group.totals) == sums(members), "\(label) \(String(describing: tag))")
                }
                #expect(byTag.reduce(0) { $0 + $1.totals.requests } == inRange.reduce(0) { $0 + max(1, $1.tags?.count ?? 0) })
                #expect(sums(try await store.total(filter)) == sums(inRange))
            }
            // Beside other dimensions and under a tenancy filter.
            var o1 = TraceFilter()
            o1.org = "o1"
            let tagModel = try await store.groups(by: [.tag, .model], o1)
            let members = traces.filter { $0.organizationID == "o1" && $0.tags?.contains("beta") == true && $0.modelRequested == "gpt-4o" }
            let group = try #require(tagModel.first { $0.keys[.tag] == "beta" && $0.keys[.model] == "gpt-4o" })
            #expect(sums(group.totals) == sums(members))
        }
    }

    /// Reports the rollups cannot answer read the traces, looking up only the names they use: each
    /// group's every total, beside every other dimension and under every filter, is the traces'.
    @Test(arguments: TestDatabase.available)
    func reportsFromTheTracesMatchThemUnderEveryDimensionAndFilter(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let now = Date()
            let traces = try TraceIdentityFilterTests.traces(now: now).enumerated().map { index, trace in
                var trace = trace
                if index % 7 == 0 { (trace.status, trace.costStatus, trace.costNanoUSD) = (.error, "unpriced", nil) }
                return trace
            }
            try await TraceIdentityFilterTests.store(traces, in: database)
            let store = CostReportStore(database)
            let (model, provider) = (traces[0].modelRequested, try #require(traces.compactMap(\.provider).first))
            func value(_ trace: TraceRecord, _ dimension: CostReportStore.Dimension) -> String? {
                switch dimension {
                case .org: trace.organizationID
                case .project: trace.projectID
                case .env: trace.environmentID
                case .key: trace.apiKeyID
                case .model: trace.modelRequested
                case .provider: trace.provider ?? ""
                case .user: trace.endUser
                case .session: trace.sessionID
                default: nil
                }
            }
            let cases: [([CostReportStore.Dimension], (inout TraceFilter) -> Void, (TraceRecord) -> Bool)] = [
                ([.session], { _ in }, { _ in true }),
                ([.session, .model, .provider], { _ in }, { _ in true }),
                ([.session, .org, .project, .env, .key], { _ in }, { _ in true }),
                ([.session], { $0.org = "o1" }, { $0.organizationID == "o1" }),
                ([.session], { $0.key = "k2" }, { $0.apiKeyID == "k2" }),
                ([.user, .env], { $0.model = model }, { $0.modelRequested == model }),
                ([.session, .user], { $0.provider = provider }, { $0.provider == provider }),
            ]
            for (dimensions, change, matches) in cases {
                var filter = TraceFilter()
                filter.since = now.addingTimeInterval(-6 * 86_400 - 777)
                change(&filter)
                let since = try #require(filter.since)
                let inRange = traces.filter { $0.startedAt >= since && matches($0) }
                let expected: [[String?]: [TraceRecord]] = Dictionary(grouping: inRange) { trace in dimensions.map { value(trace, $0) } }
                let groups = try await store.groups(by: dimensions, filter)
                #expect(groups.count == expected.count, "\(dimensions)")
                for group in groups {
                    let members = expected[dimensions.map { group.keys[$0] }] ?? []
                    let totals = group.totals
                    let got: [Int] = [totals.requests, totals.errors, totals.tokensIn, totals.tokensOut, totals.unpricedRequests]
                    let errors = members.filter { $0.status == .error }.count
                    let unpriced = members.filter { $0.costStatus == "unpriced" }.count
                    let tokensIn = members.reduce(0) { $0 + $1.tokensIn }
                    let tokensOut = members.reduce(0) { $0 + $1.tokensOut }
                    let want: [Int] = [members.count, errors, tokensIn, tokensOut, unpriced]
                    #expect(got == want, "\(dimensions) \(group.keys)")
                    let cost: Int64 = members.compactMap(\.costNanoUSD).reduce(0, +)
                    #expect((totals.costNanoUSD ?? 0) == cost, "\(dimensions) \(group.keys)")
                }
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aReportReachingBeforeTheStoredTracesSaysSo(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let now = Date()
            let traces = try TraceIdentityFilterTests.traces(now: now)
            try await TraceIdentityFilterTests.store(traces, in: database)
            let store = CostReportStore(database)
            var everything = TraceFilter()
            #expect(try await store.coverage(by: [.user], everything) == .init(tracesPrunedBefore: nil, complete: true))

            // Retention prunes the traces older than 10 days; the hourly rollups keep their history.
            let cut = now.addingTimeInterval(-10 * 86_400)
            try await database.sql.raw(
                "DELETE FROM trace_attempts WHERE trace_id IN (SELECT id FROM traces WHERE started_at < \(bind: cut))"
            ).run()
            try await database.sql.raw("DELETE FROM traces WHERE started_at < \(bind: cut)").run()
            // Each organization keeps its traces for a time of its own: the report is whole only from
            // where every organization's stored traces begin — the latest of their oldest.
            let kept = traces.filter { $0.startedAt >= cut }
            let oldest = try #require(
                Dictionary(grouping: kept, by: \.organizationID).values.compactMap { $0.map(\.startedAt).min() }.max())

            let pruned = try await store.coverage(by: [], everything)
            #expect(pruned.complete, "without --since every hour is whole: the rollups answer it all")
            #expect(abs((pruned.tracesPrunedBefore ?? .distantPast).timeIntervalSince(oldest)) < 0.001)
            #expect(!(try await store.coverage(by: [.user], everything).complete), "groups by user read the traces")
            everything.tags = ["beta"]
            #expect(!(try await store.coverage(by: [], everything).complete), "so do tag filters")

            let wholeHours = (
                UsageRollup.floorHour(now.addingTimeInterval(-20 * 86_400)), UsageRollup.floorHour(now.addingTimeInterval(-2 * 86_400))
            )
            var old = TraceFilter()
            (old.since, old.until) = wholeHours
            #expect(try await store.coverage(by: [.model], old).complete)
            let expected = traces.filter { $0.startedAt >= wholeHours.0 && $0.startedAt < wholeHours.1 }
            #expect(sums(try await store.total(old)) == sums(expected), "whole hours stay exact after pruning")
            old.since = wholeHours.0.addingTimeInterval(-600)
            #expect(!(try await store.coverage(by: [.model], old).complete), "a partial hour before the cut cannot be exact")
            var recent = TraceFilter()
            recent.since = now.addingTimeInterval(-5 * 86_400 - 321)
            #expect(try await store.coverage(by: [.user, .tag], recent).complete)
        }
    }

    @Test(arguments: TestDatabase.available)
    func cacheStatsByTagCountTheTaggedTraces(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let traces = try TraceIdentityFilterTests.traces(now: Date()).enumerated().map { index, trace in
                var trace = trace
                trace.cacheResult = ["hit_exact", "miss", "miss", "hit_semantic", "bypass"][index % 5]
                let hit = trace.cacheResult?.hasPrefix("hit") == true
                (trace.savedNanoUSD, trace.savedTokensIn, trace.savedTokensOut) = hit ? (1_000, 10, 0) : (nil, nil, nil)
                return trace
            }
            try await TraceIdentityFilterTests.store(traces, in: database)
            var filter = TraceFilter()
            filter.tags = ["beta"]
            let beta = traces.filter { $0.tags?.contains("beta") == true }
            let total = try #require(try await CacheStatsStore(database).groups(by: [], filter, now: Date()).first)
            #expect(total.lookups.requests == beta.count)
            #expect(total.lookups.hits == beta.filter { $0.cacheResult?.hasPrefix("hit") == true }.count)
            #expect(total.lookups.savedNanoUSD == Int64(total.lookups.hits) * 1_000)
            #expect(total.stored == nil, "stored answers carry no tags")
        }
    }
}
