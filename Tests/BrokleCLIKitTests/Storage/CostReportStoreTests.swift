@testable import BrokleCLIKit
@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

/// The report's hourly rollup plus raw edges must equal aggregating the traces directly, for any range.
@Suite struct CostReportStoreTests {
    @Test(arguments: TestDatabase.available)
    func rollupAndEdgesMatchTheTracesForAnyRange(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let now = Date()
            let traces = DemoTraces(
                profile: "r", targets: [.init(organizationID: "o", projectID: "p", environmentID: "e", apiKeyID: "k")],
                now: now, prices: try PriceBook.shipped()
            ).traces(0..<1500)
            try await TraceStore(database).insert(traces)
            let store = CostReportStore(database)
            let hour: TimeInterval = 3600
            let windows: [(Date?, Date?)] = [
                (nil, nil),
                (now.addingTimeInterval(-7 * 86_400 - 1234), nil),
                (UsageRollup.floorHour(now.addingTimeInterval(-3 * 86_400)), UsageRollup.floorHour(now.addingTimeInterval(-86_400))),
                (now.addingTimeInterval(-2 * 86_400 - 777), now.addingTimeInterval(-86_400 + 555)),
                (
                    UsageRollup.floorHour(now.addingTimeInterval(-10 * hour)).addingTimeInterval(600),
                    UsageRollup.floorHour(now.addingTimeInterval(-10 * hour)).addingTimeInterval(1800)
                ),
                (nil, now.addingTimeInterval(-20 * 86_400 + 99)),
            ]
            for (since, until) in windows {
                var filter = TraceFilter()
                filter.since = since
                filter.until = until
                let report = try await store.total(filter)
                let direct = traces.filter { trace in
                    (since.map { trace.startedAt >= $0 } ?? true) && (until.map { trace.startedAt < $0 } ?? true)
                }
                #expect(report.requests == direct.count, "\(String(describing: since))..<\(String(describing: until))")
                #expect(report.tokensIn == direct.reduce(0) { $0 + $1.tokensIn })
                #expect(report.errors == direct.filter { $0.status == .error }.count)
                let cost = direct.compactMap(\.costNanoUSD).reduce(Int64(0), +)
                #expect(report.costNanoUSD ?? 0 == cost)
            }
            // Traces added later to an hour already summarised are added to it, not lost.
            var late = traces[0]
            late.id = "late-1"
            try await TraceStore(database).insert([late])
            #expect(try await store.total(TraceFilter()).requests == 1501)
            // A replayed batch (the writer retries after an error) adds nothing, to the traces or the hours;
            // an id repeated within a batch is stored, and summed, once.
            #expect(try await TraceStore(database).insert(Array(traces[0..<600]) + [late]) == 0)
            var twice = traces[1]
            twice.id = "twice-1"
            #expect(try await TraceStore(database).insert([twice, twice]) == 1)
            let all = try await store.total(TraceFilter())
            #expect(all.requests == 1502)
            #expect(
                all.costNanoUSD ?? 0
                    == (traces.compactMap(\.costNanoUSD) + [late.costNanoUSD, twice.costNanoUSD].compactMap { $0 }).reduce(Int64(0), +))
        }
    }
}
