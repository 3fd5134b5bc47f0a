@testable import BrokleCLIKit
@testable import BrokleCore
import Foundation
import Testing

@Suite struct DemoTracesTests {
    let target = DemoTraces.Target(organizationID: "o", projectID: "p", environmentID: "e", apiKeyID: "k")
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func sameIndexSameTraceWhateverTheRange() {
        let generator = DemoTraces(profile: "dev", targets: [target], now: now)
        #expect(generator.traces(0..<100)[42] == generator.traces(40..<50)[2])
        #expect(generator.traces(0..<1)[0].id == "seed-dev-0")
    }

    @Test func tracesAreRealisticAndConsistent() {
        let traces = DemoTraces(profile: "demo", targets: [target], now: now).traces(0..<5_000)
        #expect(traces.allSatisfy { $0.startedAt <= now && $0.startedAt >= now.addingTimeInterval(-30 * 86_400) })
        #expect(traces.allSatisfy { $0.finishedAt >= $0.startedAt })
        #expect(traces.allSatisfy { $0.attempts == $0.attemptRecords.count })
        #expect(traces.allSatisfy { !$0.fallback || $0.attempts == 2 })
        #expect(traces.allSatisfy { $0.status != .error || $0.costNanoUSD == nil })
        #expect(traces.allSatisfy { $0.tokensCached <= $0.tokensIn })
        let statuses = Dictionary(grouping: traces, by: \.status).mapValues(\.count)
        #expect((statuses[.ok] ?? 0) > 4_000)
        #expect((statuses[.error] ?? 0) > 50)
        #expect((statuses[.cancelled] ?? 0) > 10)
        #expect(Set(traces.map(\.modelRequested)).count >= 8)
        #expect(Set(traces.compactMap(\.provider)).count >= 6)
        #expect(traces.contains { $0.fallback } && traces.contains { $0.cacheHit } && traces.contains { $0.stream })
    }

    @Test func seededCostsComeFromThePriceBook() throws {
        let traces = DemoTraces(profile: "demo", targets: [target], now: now, prices: try PriceBook.shipped()).traces(0..<500)
        let priced = traces.filter { $0.costStatus == "priced" }
        #expect(priced.count > 400)
        #expect(priced.allSatisfy { ($0.costNanoUSD ?? -1) >= 0 })
        #expect(traces.filter { $0.status == .error }.allSatisfy { $0.costNanoUSD == nil })
    }
}
