@testable import BrokleCore
import Foundation
import Testing

@Suite struct GatewayCostTests {
    @Test func pricedRequestsCarryTheirCostAndUnpricedOnesSayso() async throws {
        let upstream = FakeUpstream()
        try await upstream.run { port in
            var catalog = GatewayHarness.catalog(upstreamPort: port)
            catalog.models.append(ModelRoute(name: "gpt-4o-mini", provider: "local", upstreamModel: "gpt-4o-mini"))
            try await GatewayHarness.run(catalog: catalog) { gateway in
                // gpt-4o-mini is in the price book: 5 input, 1 output tokens at $0.15 / $0.60 per 1M.
                let priced = try await gateway.call(
                    "/v1/chat/completions", body: #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}]}"#)
                #expect(priced.headers["x-brokle-cost-usd"] == "0.00000135")
                // echo-body is not: cost null, cost_status unpriced, a counter.
                let unpriced = try await gateway.call("/v1/chat/completions", body: #"{"model":"fast","messages":[]}"#)
                #expect(unpriced.status == 200)
                #expect(unpriced.headers["x-brokle-cost-usd"] == nil)
                let traces = try await gateway.traces(atLeast: 2)
                #expect(traces.first { $0["model"] == .string("gpt-4o-mini") }?["cost_nanousd"] == .int(1_350))
                #expect(traces.first { $0["model"] == .string("gpt-4o-mini") }?["cost_status"] == .string("priced"))
                let fast = traces.first { $0["model"] == .string("fast") }
                #expect(fast?["cost_status"] == .string("unpriced") && fast?["cost_nanousd"] == .null)
                let metrics = try await gateway.call("/metrics", method: "GET", noAuth: true).body
                #expect(metrics.contains(#"brokle_unpriced_requests_total{model="fast",provider="local"} 1"#))
                #expect(metrics.contains(#"brokle_cost_usd_total{model="gpt-4o-mini",provider="local"}"#))
            }
        }
    }
}
