@testable import BrokleCLIKit
@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

/// The rollups behind fast reports (migration 0017): a range is read as whole hours, whole minutes
/// and at most a minute of traces at each end; one end user's or tag's figures from their own
/// hourly rows. Every report equals aggregating the traces themselves, for ranges cut anywhere, and
/// the rollups pruned with the traces hold exactly what the stored traces add up to.
@Suite struct FineRollupTests {
    typealias Plan = CostReportStore.Plan

    func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func aRangeIsReadAsHoursThenMinutesThenTraces() {
        var filter = TraceFilter()
        (filter.since, filter.until) = (at("2026-12-01T10:07:30Z"), at("2026-12-01T12:45:10Z"))
        let parts = Plan(filter, dimensions: [.model]).parts.map { "\($0.source) \($0.from!.timeIntervalSince(filter.since!))" }
        #expect(
            parts == ["traces 0.0", "minutely 30.0", "hourly 3150.0", "minutely 6750.0", "traces 9450.0"],
            "10:07:30 traces, 10:08 minutes, 11:00 hours, 12:00 minutes, 12:45 traces")
        // Open ends read the rollups to the end; a range inside one minute reads only traces.
        filter.until = nil
        #expect(Plan(filter, dimensions: []).parts.map(\.source) == [.traces, .minutely, .hourly])
        (filter.since, filter.until) = (at("2026-12-01T10:07:30Z"), at("2026-12-01T10:07:50Z"))
        #expect(Plan(filter, dimensions: []).parts.map(\.source) == [.traces])
        (filter.since, filter.until) = (at("2026-12-01T10:00:00Z"), at("2026-12-01T11:00:00Z"))
        #expect(Plan(filter, dimensions: []).parts.map(\.source) == [.hourly])
    }

    @Test func oneEndUserOrTagIsReadFromItsRollupAndAnythingElseFromTheTraces() {
        var filter = TraceFilter()
        (filter.since, filter.until) = (at("2026-12-01T10:07:30Z"), at("2026-12-01T12:45:10Z"))
        #expect(Plan(filter, dimensions: [.tag, .day]).parts.map(\.source) == [.traces, .identity(.tag, daily: false), .traces])
        // Across days: whole days from the daily rows, the hours around them from the hourly ones.
        var days = filter
        days.since = at("2026-11-28T22:07:30Z")
        let parts = Plan(days, dimensions: [.user, .project]).parts
        #expect(
            parts.map(\.source) == [
                .traces, .identity(.user, daily: false), .identity(.user, daily: true), .identity(.user, daily: false), .traces,
            ])
        #expect(
            parts.map(\.from) == [
                days.since, at("2026-11-28T23:00:00Z"), at("2026-11-29T00:00:00Z"), at("2026-12-01T00:00:00Z"), at("2026-12-01T12:00:00Z"),
            ])
        for dimensions: [CostReportStore.Dimension] in [[.user, .model], [.user, .tag], [.session], [.tag, .key], [.user, .provider]] {
            #expect(Plan(filter, dimensions: dimensions).parts.map(\.source) == [.traces], "\(dimensions)")
        }
        var tagged = filter
        tagged.tags = ["a"]
        #expect(Plan(tagged, dimensions: []).parts.map(\.source) == [.traces, .identity(.tag, daily: false), .traces])
        tagged.tags = ["a", "b"]
        #expect(Plan(tagged, dimensions: []).parts.map(\.source) == [.traces], "both tags: only the traces know")
        var user = filter
        user.endUser = "u"
        user.model = "m"
        #expect(Plan(user, dimensions: []).parts.map(\.source) == [.traces])
    }

    /// 1,500 demo traces (end users, tags, two organizations) in a three-hour burst, written in batches.
    static func burst(start: Date) throws -> [TraceRecord] {
        var random = SeededRandom(seed: 17)
        return try TraceIdentityFilterTests.traces(now: start.addingTimeInterval(86_400)).prefix(1_500).map { trace in
            var trace = trace
            let latency = trace.finishedAt.timeIntervalSince(trace.startedAt)
            trace.startedAt = start.addingTimeInterval((random.unit() * 3 * 3600 * 1000).rounded() / 1000)
            trace.finishedAt = trace.startedAt.addingTimeInterval(latency)
            // Half had caching on: hits (some unpriced), misses and bypasses.
            let roll = random.unit()
            if roll < 0.5 {
                trace.cacheResult = ["hit_exact", "hit_semantic", "miss", "bypass"][Int(roll * 8)]
                if roll < 0.25 {
                    (trace.savedTokensIn, trace.savedTokensOut) = (trace.tokensIn, trace.tokensOut)
                    trace.savedNanoUSD = roll < 0.2 ? trace.costNanoUSD : nil
                }
            }
            return trace
        }
    }

    struct Sums: Equatable {
        var requests = 0, errors = 0, tokensIn = 0
        var cost: Int64 = 0
    }

    func sums(_ traces: some Sequence<TraceRecord>) -> Sums {
        traces.reduce(into: Sums()) { sums, trace in
            sums.requests += 1
            sums.errors += trace.status == .error ? 1 : 0
            sums.tokensIn += trace.tokensIn
            sums.cost += trace.costNanoUSD ?? 0
        }
    }

    func sums(_ totals: CostReportStore.Totals) -> Sums {
        Sums(requests: totals.requests, errors: totals.errors, tokensIn: totals.tokensIn, cost: totals.costNanoUSD ?? 0)
    }

    @Test(arguments: TestDatabase.available)
    func reportsCutAnywhereEqualTheTraces(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let start = UsageRollup.floorHour(Date().addingTimeInterval(-5 * 3600))
            let traces = try Self.burst(start: start)
            // In batches: later ones add to the rows earlier ones made.
            try await TraceIdentityFilterTests.store(Array(traces[..<400]), in: database)
            for batch in stride(from: 400, to: traces.count, by: 400) {
                _ = try await TraceStore(database).insert(Array(traces[batch..<min(batch + 400, traces.count)]))
            }
            try await RollupInvariant.expectMatchesTheTraces(database)
            let store = CostReportStore(database)
            var random = SeededRandom(seed: 5)
            for round in 0..<24 {
                // Ends anywhere in and around the burst, to the millisecond; some open.
                let a = start.addingTimeInterval(((random.unit() * 3.4 - 0.2) * 3600 * 1000).rounded() / 1000)
                let b = start.addingTimeInterval(((random.unit() * 3.4 - 0.2) * 3600 * 1000).rounded() / 1000)
                var filter = TraceFilter()
                filter.since = round % 6 == 0 ? nil : min(a, b)
                filter.until = round % 6 == 1 ? nil : max(a, b)
                if round % 3 == 2 { filter.org = "o1" }
                let inRange = traces.filter { t in
                    (filter.since.map { t.startedAt >= $0 } ?? true) && (filter.until.map { t.startedAt < $0 } ?? true)
                        && (filter.org.map { _ in t.organizationID == "o1" } ?? true)
                }
                let label = "round \(round): \(String(describing: filter.since))..<\(String(describing: filter.until))"
                #expect(sums(try await store.total(filter)) == sums(inRange), "\(label)")
                for group in try await store.groups(by: [.model, .org], filter) {
                    let members = inRange.filter { $0.modelRequested == group.keys[.model] && $0.organizationID == group.keys[.org] }
                    #expect(sums(group.totals) == sums(members), "\(label) \(group.keys)")
                }
                let byUser = try await store.groups(by: [.user], filter)
                #expect(byUser.count == Set(inRange.map(\.endUser)).count, "\(label)")
                for group in byUser {
                    #expect(sums(group.totals) == sums(inRange.filter { $0.endUser == group.keys[.user] }), "\(label) user")
                }
                for group in try await store.groups(by: [.tag, .env], filter) {
                    let tag = group.keys[.tag]
                    let members = inRange.filter { trace in
                        trace.environmentID == group.keys[.env]
                            && (tag.map { trace.tags?.contains($0) == true } ?? (trace.tags ?? []).isEmpty)
                    }
                    #expect(sums(group.totals) == sums(members), "\(label) tag \(String(describing: tag))")
                }
                let cache = CacheStatsStore(database)
                let lookups = try await cache.lookups(by: [.model, .day], filter)
                #expect(lookups.reduce(0) { $0 + $1.figures.requests } == inRange.filter { $0.cacheResult != nil }.count)
                for group in lookups {
                    let members = inRange.filter { $0.cacheResult != nil && $0.modelRequested == group.keys[.model] }
                    #expect(group.figures.requests == members.count, "\(label) cache \(group.keys)")
                    #expect(group.figures.exactHits == members.filter { $0.cacheResult == "hit_exact" }.count)
                    #expect(group.figures.savedNanoUSD == members.compactMap(\.savedNanoUSD).reduce(0, +))
                    #expect(group.figures.tokensSavedOut == members.compactMap(\.savedTokensOut).reduce(0, +))
                }
                if let user = byUser.first?.keys[.user] {
                    filter.endUser = user
                    #expect(sums(try await store.total(filter)) == sums(inRange.filter { $0.endUser == user }), "\(label) --user")
                }
            }
        }
    }

    /// Retention takes a rollup's buckets that hold a pruned trace whole; what stays adds up to the
    /// stored traces, and usage_hourly keeps every request.
    @Test(arguments: TestDatabase.available)
    func retentionPrunesTheFineRollupsWithTheirTraces(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let start = UsageRollup.floorHour(Date().addingTimeInterval(-5 * 3600))
            let traces = try Self.burst(start: start)
            try await TraceIdentityFilterTests.store(traces, in: database)
            let cut = start.addingTimeInterval(3600 + 1234.5)
            let report = try await TracePruner(database).prune(.uniform(before: cut))
            #expect(report.traces == traces.filter { $0.startedAt < cut }.count)
            #expect(report.rollups > 0)
            try await RollupInvariant.expectMatchesTheTraces(database, from: UsageRollup.ceilHour(cut))
            let minutes = try await database.count(
                "SELECT count(*) AS n FROM usage_minutely WHERE minute_start < \(bind: UsageRollup.ceil(cut, 60))")
            let hours = try await database.count(
                "SELECT count(*) AS n FROM usage_identity_hourly WHERE hour_start < \(bind: UsageRollup.ceilHour(cut))")
            #expect(minutes == 0 && hours == 0)
            let kept = try await database.count("SELECT CAST(sum(requests) AS BIGINT) AS n FROM usage_hourly")
            #expect(kept == traces.count, "the hourly totals keep every request")
        }
    }
}
