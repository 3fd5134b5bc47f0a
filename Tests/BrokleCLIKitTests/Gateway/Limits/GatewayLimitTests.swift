@testable import BrokleGateway
@testable import BrokleCore
import Foundation
import Testing

/// Limits, budgets and plan quotas at the admit stage of one gateway: OpenAI's (and Anthropic's)
/// 429s with their headers, all-or-nothing admission, settlement when requests end.
@Suite struct GatewayLimitTests {
    @Test(arguments: TestDatabase.available)
    func aProjectRateLimitRefusesWithOpenAIsShapeAndHeaders(kind: TestDatabase) async throws {
        try await GatewayHarness.run(kind) { gateway in
            try await gateway.setLimit(.project, try await gateway.tenancyIDs().project, rpm: 5)
            for _ in 0..<5 { #expect(try await gateway.chat().status == 200) }
            let refused = try await gateway.chat()
            #expect(refused.status == 429)
            #expect(refused.json?["error"]?["code"] == .string("rate_limit_exceeded"))
            let message = refused.json?["error"]?["message"]?.stringValue ?? ""
            #expect(message.contains("project acme/web") && message.contains("requests per minute: limit 5"), "\(message)")
            #expect(refused.headers["x-ratelimit-limit-requests"] == "5" && refused.headers["x-ratelimit-remaining-requests"] == "0")
            #expect(refused.headers["retry-after"].flatMap(Int.init).map { $0 >= 1 && $0 <= 60 } == true)
            #expect(refused.headers["x-ratelimit-reset-requests"] != nil)
            let anthropic = try await gateway.call(
                "/v1/messages", body: #"{"model":"mock-chat","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}"#)
            #expect(anthropic.status == 429 && anthropic.json?["type"] == .string("error"))
            #expect(anthropic.json?["error"]?["type"] == .string("rate_limit_error"))
            let traces = try await gateway.traces(atLeast: 7)
            #expect(traces.filter { $0["error_type"] == .string("rate_limit_exceeded") }.count == 2)
            let metrics = String(decoding: gateway.gateway.metrics.exposition(), as: UTF8.self)
            #expect(metrics.contains(#"brokle_limit_refusals_total{kind="rpm",scope="project"} 2"#))
        }
    }

    @Test func concurrencyCountsStreamsUntilTheyEnd() async throws {
        var slow = ProviderConfig.MockSettings()
        slow.chunkInterval = 0.05
        slow.completionTokens = 60
        try await GatewayHarness.run(catalog: GatewayHarness.catalog(mock: slow)) { gateway in
            let environment = try await gateway.tenancyIDs().environment
            try await gateway.setLimit(.environment, environment, concurrency: 1)
            let stream = Task {
                try await gateway.call(
                    "/v1/chat/completions", body: #"{"model":"mock-chat","stream":true,"messages":[{"role":"user","content":"hi"}]}"#)
            }
            // Wait until the stream holds the slot (however loaded the machine is).
            let counter = LimitCounter(scope: LimitScope(.environment, environment), kind: .concurrency).name
            for _ in 0..<200 where gateway.gateway.limiter.allowances.withLock({ $0[counter]?.reserved ?? 0 }) == 0 {
                try await Task.sleep(for: .milliseconds(25))
            }
            let second = try await gateway.chat()
            #expect(second.status == 429 && (second.json?["error"]?["message"]?.stringValue ?? "").contains("concurrent"))
            #expect(try await stream.value.status == 200)
            #expect(try await gateway.chat().status == 200, "the slot came back when the stream ended")
        }
    }

    @Test func aBudgetRefusesOnceSpentAndAllScopesMustPass() async throws {
        try await GatewayHarness.run(
            configure: {
                $0.prices = $0.prices.overridden(by: [ModelPrice(provider: "mock", model: "mock-chat", input: 2_000, output: 2_000)])
            }
        ) { gateway in
            let ids = try await gateway.tenancyIDs()
            // Each request reserves about $0.07 and spends less; $0.5 a month on the environment.
            try await gateway.setBudget(.environment, ids.environment, nanoUSD: 500_000_000)
            var statuses: [Int] = []
            for _ in 0..<12 { statuses.append(try await gateway.chat().status) }
            #expect(statuses.prefix(2).allSatisfy { $0 == 200 } && statuses.last == 429, "\(statuses)")
            let refused = try await gateway.chat()
            #expect(refused.json?["error"]?["code"] == .string("insufficient_quota"))
            #expect((refused.json?["error"]?["message"]?.stringValue ?? "").contains("environment acme/web/production"))
            _ = try await gateway.traces(atLeast: 13)
            let spent = try await gateway.database.sql.raw("SELECT sum(cost_nanousd) AS s FROM traces").first()?.decode(
                column: "s", as: Int64?.self)
            #expect((spent ?? 0) > 0 && (spent ?? 0) <= 500_000_000, "one at a time, the budget is never overshot: \(spent ?? 0)")
            await gateway.gateway.limiter.refreshRules()
            let metrics = String(decoding: gateway.gateway.metrics.exposition(), as: UTF8.self)
            #expect(metrics.contains(#"brokle_budget_limit_usd{scope="environment:\#(ids.environment)",period="month"} 0.5"#), "\(metrics)")
            #expect(metrics.contains(#"brokle_budget_used_usd{scope="environment:\#(ids.environment)",period="month"}"#))
        }
    }

    @Test func aClientHangingUpMidStreamSettlesItsTokens() async throws {
        let upstream = FakeUpstream()
        try await upstream.run { port in
            // Nothing goes back to the counters while the test looks at what this instance holds.
            try await GatewayHarness.run(catalog: GatewayHarness.catalog(upstreamPort: port), configure: { $0.limits.idleReturn = 3600 }) {
                gateway in
                let ids = try await gateway.tenancyIDs()
                try await gateway.setLimit(.project, ids.project, tpm: 100_000)
                await gateway.hangUpAfterTwoChunks(model: "local/stream-slow")
                _ = try await gateway.traces(atLeast: 1)
                let counter = LimitCounter(scope: LimitScope(.project, ids.project), kind: .tpm).name
                let allowance = try #require(gateway.gateway.limiter.allowances.withLock { $0[counter] })
                #expect(allowance.reserved == 0, "the reservation was settled")
                // Taken: one slice plus the estimate; used: the prompt and the chunks relayed before the hang-up.
                let estimate = 1 + 1024 + RouteCostEstimate.inputTokens(bodyBytes: 60)
                #expect(allowance.available > 5_000 && allowance.available < 5_000 + Int64(estimate), "\(allowance.available)")
            }
        }
    }

    @Test func aFreePlansMonthlyQuotaRollsOverWithTheCalendar() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_796_000_000))  // 2026-11-29
        try await GatewayHarness.run(configure: { $0.limits.clock = { clock.now } }) { gateway in
            let organization = try await gateway.tenancyIDs().organization
            // 10,000 requests already made this month by this free organization.
            let counter = LimitCounter(scope: LimitScope(.organization, organization), kind: .planRequests, period: .month, at: clock.now)
            try await gateway.database.sql.insert(into: "limit_counters").columns("counter", "level", "expires_at")
                .values(counter.name, Int64(10_000), counter.periodEnd!.addingTimeInterval(86_400)).run()
            let refused = try await gateway.chat()
            #expect(refused.status == 429 && refused.json?["error"]?["code"] == .string("insufficient_quota"))
            #expect((refused.json?["error"]?["message"]?.stringValue ?? "").contains("free plan"))
            clock.now = Date(timeIntervalSince1970: 1_796_000_000 + 3 * 86_400)  // December
            #expect(try await gateway.chat().status == 200)
        }
    }
}
