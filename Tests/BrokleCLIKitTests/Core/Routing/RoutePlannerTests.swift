@testable import BrokleCore
import Testing

@Suite struct RoutePlannerTests {
    let a = RouteTarget(provider: "a", model: "m1", weight: 3)
    let b = RouteTarget(provider: "b", model: "m2", weight: 1)
    let c = RouteTarget(provider: "c", model: "m3", weight: 0)

    func route(_ strategy: RoutingStrategy, _ targets: [RouteTarget]? = nil) -> ModelRoute {
        ModelRoute(name: "smart", strategy: strategy, targets: targets ?? [a, b])
    }

    func providers(_ plan: [RouteCandidate]) -> [String] { plan.map(\.target.provider) }

    @Test func fallbackKeepsTheConfiguredOrderAndPutsOpenCircuitsLast() {
        var random = SeededRandom(seed: 1)
        let plain = RoutePlanner.plan(route(.fallback, [a, b, c]), .init(), random: &random)
        #expect(providers(plain) == ["a", "b", "c"])
        #expect(plain.map(\.reason) == ["primary", "fallback 1", "fallback 2"])
        #expect(plain.allSatisfy { $0.available })

        let health = ["a/m1": TargetHealth(circuit: .open), "b/m2": TargetHealth(circuit: .halfOpen)]
        let skipped = RoutePlanner.plan(route(.fallback, [a, b, c]), .init(health: health), random: &random)
        #expect(providers(skipped) == ["b", "c", "a"])
        #expect(skipped.map(\.available) == [true, true, false])
        #expect(skipped[2].reason.contains("circuit open"))
        #expect(skipped[0].circuit == .halfOpen)
    }

    @Test func weightedThreeToOneLandsWithinThreePercentOverFourThousandRequests() {
        var random = SeededRandom(seed: 42)
        var firsts: [String: Int] = [:]
        for _ in 0..<4000 {
            let plan = RoutePlanner.plan(route(.weighted), .init(), random: &random)
            firsts[plan[0].target.provider, default: 0] += 1
            #expect(plan.count == 2)
        }
        let share = Double(firsts["a", default: 0]) / 4000
        #expect(abs(share - 0.75) <= 0.03, "share of a: \(share)")
    }

    @Test func weightZeroIsOnlyAFallback() {
        var random = SeededRandom(seed: 3)
        for _ in 0..<200 {
            let plan = RoutePlanner.plan(route(.weighted, [a, b, c]), .init(), random: &random)
            #expect(plan.last?.target == c)
            #expect(plan.last?.reason == "weight 0: only as a fallback")
        }
    }

    @Test func roundRobinRotatesByTurn() {
        var random = SeededRandom(seed: 1)
        let turns = (0..<4).map { turn in
            providers(RoutePlanner.plan(route(.roundRobin, [a, b, c]), .init(turn: UInt64(turn)), random: &random))
        }
        #expect(turns == [["a", "b", "c"], ["b", "c", "a"], ["c", "a", "b"], ["a", "b", "c"]])
    }

    @Test func leastLatencyPrefersTheFastestMeasuresUnknownsAndExplores() {
        var random = SeededRandom(seed: 9)
        let measured = ["a/m1": TargetHealth(latencyMs: 120, latencyAge: 1), "b/m2": TargetHealth(latencyMs: 30, latencyAge: 1)]
        let noExploration = RoutePlanner.Inputs(health: measured, exploration: 0)
        let plan = RoutePlanner.plan(route(.leastLatency), noExploration, random: &random)
        #expect(providers(plan) == ["b", "a"])
        #expect(plan[0].reason == "lowest latency (EWMA 30 ms)")

        // A target never measured (or measured long ago) is tried first, once, to measure it.
        let stale = ["a/m1": TargetHealth(latencyMs: 500, latencyAge: 300), "b/m2": TargetHealth(latencyMs: 30, latencyAge: 1)]
        #expect(providers(RoutePlanner.plan(route(.leastLatency), .init(health: stale, exploration: 0), random: &random)) == ["a", "b"])
        #expect(
            providers(RoutePlanner.plan(route(.leastLatency, [a, b, c]), .init(health: measured, exploration: 0), random: &random)) == [
                "c", "b", "a",
            ])

        // With 10% exploration, about one request in ten goes to the slower target first.
        var explored = 0
        for _ in 0..<2000 {
            let plan = RoutePlanner.plan(route(.leastLatency), .init(health: measured, exploration: 0.1), random: &random)
            if plan[0].target == a {
                explored += 1
                #expect(plan[0].reason.hasPrefix("exploring"))
            }
        }
        #expect((150...250).contains(explored), "explored \(explored) of 2000")
    }

    @Test func lowestCostOrdersByEstimateWithUnpricedLast() {
        var random = SeededRandom(seed: 1)
        let costs = ["a/m1": 0.002, "b/m2": 0.0005]
        let plan = RoutePlanner.plan(route(.lowestCost, [c, a, b]), .init(estimatedCostUSD: costs), random: &random)
        #expect(providers(plan) == ["b", "a", "c"])
        #expect(plan[0].reason == "lowest estimated price ($0.0005)")
        #expect(plan[0].estimatedCostUSD == 0.0005)
        #expect(plan[2].reason == "unpriced: tried after priced targets")
    }

    @Test func costEstimatesComeFromThePriceBook() throws {
        let prices = PriceBook(entries: [ModelPrice(provider: "a", model: "m1", input: 2, output: 8)])
        let costs = RouteCostEstimate.usd(route(.lowestCost), prices: prices, inputTokens: 1000, outputTokens: 500)
        #expect(costs == ["a/m1": 0.006])
        #expect(RouteCostEstimate.outputTokens(maxTokens: nil) == 256)
        #expect(RouteCostEstimate.inputTokens(bodyBytes: 400) == 100)
    }
}
