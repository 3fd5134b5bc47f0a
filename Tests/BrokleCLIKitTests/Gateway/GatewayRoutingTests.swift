@testable import BrokleCore
import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// Routing through the running gateway: two local upstreams `a` and `b` serve the public model
/// `smart`; the tests break `a` in different ways and watch what the client and the traces see.
@Suite struct GatewayRoutingTests {
    static let body = #"{"model":"smart","messages":[{"role":"user","content":"hi"}]}"#
    static let streamBody = #"{"model":"smart","stream":true,"messages":[{"role":"user","content":"hi"}]}"#

    func catalog(ports: [Int], strategy: RoutingStrategy = .fallback, configure: (inout Resilience) -> Void = { _ in }) -> ProviderCatalog {
        var resilience = Resilience()
        configure(&resilience)
        return ProviderCatalog(
            providers: zip(["a", "b"], ports).map { name, port in
                ProviderConfig(name: name, kind: .openai(.init(baseURL: "http://127.0.0.1:\(port)/v1", apiKey: nil, timeout: 10)))
            },
            models: [
                ModelRoute(
                    name: "smart", strategy: strategy,
                    targets: [
                        RouteTarget(provider: "a", model: "model-a"), RouteTarget(provider: "b", model: "model-b"),
                    ], resilience: resilience)
            ]
        )
    }

    func attempts(_ harness: GatewayHarness, trace: String) async throws -> [(provider: String, status: String, http: Int?)] {
        _ = try await harness.traces()
        let rows = try await harness.database.sql.raw(
            "SELECT provider, status, http_status FROM trace_attempts WHERE trace_id = \(bind: trace) ORDER BY attempt"
        ).all()
        return try rows.map {
            (
                try $0.decode(column: "provider", as: String.self), try $0.decode(column: "status", as: String.self),
                try $0.decode(column: "http_status", as: Int?.self)
            )
        }
    }

    @Test func a503FallsThroughToTheNextTargetAndBothAttemptsAreTraced() async throws {
        let a = ScriptedUpstream("a", .fail(status: 503)), b = ScriptedUpstream("b")
        try await ScriptedUpstream.run([a, b]) { ports in
            try await GatewayHarness.run(catalog: catalog(ports: ports)) { harness in
                let reply = try await harness.call(
                    "/v1/chat/completions", body: Self.body, headers: ["x-brokle-request-id": "req-fallback"])
                #expect(reply.status == 200)
                #expect(reply.body.contains("from b"))
                #expect(reply.headers["x-brokle-provider"] == "b")
                #expect(reply.headers["x-brokle-model"] == "model-b")
                #expect(reply.headers["x-brokle-attempts"] == "2")
                let tried = try await attempts(harness, trace: "req-fallback")
                #expect(tried.map(\.provider) == ["a", "b"])
                #expect(tried.map(\.status) == ["error", "ok"])
                #expect(tried.map(\.http) == [503, 200])
                let fallback = try await harness.database.sql.raw("SELECT fallback, attempts FROM traces WHERE id = 'req-fallback'").first()
                #expect(try fallback?.decode(column: "fallback", as: Bool.self) == true)
                #expect(try fallback?.decode(column: "attempts", as: Int.self) == 2)
                let metrics = try await harness.call("/metrics", method: "GET", noAuth: true).body
                #expect(metrics.contains(#"brokle_fallbacks_total{model="smart",from_provider="a"} 1"#))
                #expect(metrics.contains(#"brokle_attempts_total{provider="a",outcome="5xx"} 1"#))
            }
        }
    }

    @Test func aHangingTargetTimesOutAndTheNextServes() async throws {
        let a = ScriptedUpstream("a", .hang), b = ScriptedUpstream("b")
        try await ScriptedUpstream.run([a, b]) { ports in
            // The timeout applies to b as well: 3 s leaves room for b under a loaded parallel test run.
            let catalog = catalog(ports: ports) {
                $0.attemptTimeout = 3; $0.deadline = 20
            }
            try await GatewayHarness.run(catalog: catalog) { harness in
                let reply = try await harness.call("/v1/chat/completions", body: Self.body, headers: ["x-brokle-request-id": "req-hang"])
                #expect(reply.status == 200)
                #expect(reply.headers["x-brokle-provider"] == "b")
                _ = try await harness.traces()
                let row = try await harness.database.sql.raw(
                    "SELECT error_type FROM trace_attempts WHERE trace_id = 'req-hang' AND attempt = 1"
                ).first()
                #expect(try row?.decode(column: "error_type", as: String?.self) == "upstream_timeout")
            }
        }
    }

    @Test func theDeadlineEndsARequestWhoseTargetsAllHang() async throws {
        let a = ScriptedUpstream("a", .hang), b = ScriptedUpstream("b", .hang)
        try await ScriptedUpstream.run([a, b]) { ports in
            // No per-attempt timeout: the first attempt gets the whole deadline, none is left for the second.
            let catalog = catalog(ports: ports) { $0.deadline = 0.5 }
            try await GatewayHarness.run(catalog: catalog) { harness in
                let reply = try await harness.call("/v1/chat/completions", body: Self.body)
                #expect(reply.status == 504)
                #expect(reply.json?["error"]?["code"] == .string("deadline_exceeded"))
                #expect(b.requests == 0)
            }
        }
    }

    @Test func aStreamFailsOverOnlyBeforeItsFirstByte() async throws {
        // The timeout applies to b as well: 3 s leaves room for b under a loaded parallel test run.
        let a = ScriptedUpstream("a", .stallStream(.seconds(5))), b = ScriptedUpstream("b")
        try await ScriptedUpstream.run([a, b]) { ports in
            let catalog = catalog(ports: ports) { $0.attemptTimeout = 3 }
            try await GatewayHarness.run(catalog: catalog) { harness in
                let reply = try await harness.call("/v1/chat/completions", body: Self.streamBody)
                #expect(reply.status == 200)
                #expect(reply.headers["x-brokle-provider"] == "b")
                #expect(reply.body.contains("from b") && !reply.body.contains("from a"))
                #expect(reply.body.hasSuffix("data: [DONE]\n\n"))
            }
        }
    }

    @Test func aClientErrorIsRelayedWithoutTryingOtherTargets() async throws {
        let a = ScriptedUpstream("a", .fail(status: 400)), b = ScriptedUpstream("b")
        try await ScriptedUpstream.run([a, b]) { ports in
            try await GatewayHarness.run(catalog: catalog(ports: ports)) { harness in
                let reply = try await harness.call("/v1/chat/completions", body: Self.body)
                #expect(reply.status == 400)
                #expect(reply.body.contains("a failed with 400"))
                #expect(b.requests == 0)
            }
        }
    }

    @Test func aRateLimitIsRetriedAfterTheProvidersRetryAfter() async throws {
        let a = ScriptedUpstream("a"), b = ScriptedUpstream("b")
        a.queue([.fail(status: 429, retryAfterMs: 100)])
        try await ScriptedUpstream.run([a, b]) { ports in
            let catalog = catalog(ports: ports) { $0.retries = 1 }
            try await GatewayHarness.run(catalog: catalog) { harness in
                let started = ContinuousClock.now
                let reply = try await harness.call("/v1/chat/completions", body: Self.body, headers: ["x-brokle-request-id": "req-retry"])
                #expect(reply.status == 200)
                #expect(reply.headers["x-brokle-provider"] == "a")
                #expect(reply.headers["x-brokle-attempts"] == "2")
                #expect(ContinuousClock.now - started >= .milliseconds(100))
                #expect(try await attempts(harness, trace: "req-retry").map(\.http) == [429, 200])
                #expect(b.requests == 0)
            }
        }
    }

    @Test func everyTargetFailingReturnsTheLastErrorWithTheAttemptsTraced() async throws {
        let a = ScriptedUpstream("a", .fail(status: 503)), b = ScriptedUpstream("b", .fail(status: 502))
        try await ScriptedUpstream.run([a, b]) { ports in
            try await GatewayHarness.run(catalog: catalog(ports: ports)) { harness in
                let reply = try await harness.call("/v1/chat/completions", body: Self.body, headers: ["x-brokle-request-id": "req-allfail"])
                #expect(reply.status == 502)
                #expect(reply.body.contains("b failed with 502"))
                let tried = try await attempts(harness, trace: "req-allfail")
                #expect(tried.map(\.provider) == ["a", "b"])
                #expect(tried.map(\.status) == ["error", "error"])
            }
        }
    }

    @Test func theCircuitOpensAfterFailuresSkipsTheTargetAndClosesAfterAProbe() async throws {
        let a = ScriptedUpstream("a", .fail(status: 503)), b = ScriptedUpstream("b")
        let clock = ManualClock(Date(timeIntervalSince1970: 0))
        try await ScriptedUpstream.run([a, b]) { ports in
            try await GatewayHarness.run(
                catalog: catalog(ports: ports),
                configure: { settings in
                    settings.routing.circuitBreaker.minimumRequests = 3
                    settings.routing.circuitBreaker.failureRatio = 0.5
                    settings.routing.circuitBreaker.cooldown = 5
                    // The circuits' clock moves only when the test moves it: the open circuit outlives
                    // any slow run of the loop below, and the cooldown passes without a sleep.
                    settings.routingClock = { clock.seconds }
                }
            ) { harness in
                for _ in 0..<3 {
                    #expect(try await harness.call("/v1/chat/completions", body: Self.body).headers["x-brokle-attempts"] == "2")
                }
                #expect(a.requests == 3)
                // Open: `a` is skipped, `b` answers at the first attempt.
                for _ in 0..<5 {
                    let reply = try await harness.call("/v1/chat/completions", body: Self.body)
                    #expect(reply.headers["x-brokle-provider"] == "b" && reply.headers["x-brokle-attempts"] == "1")
                }
                #expect(a.requests == 3)
                let metrics = try await harness.call("/metrics", method: "GET", noAuth: true).body
                #expect(metrics.contains(#"brokle_circuit_state{deployment="a/model-a"} 2"#))
                // `a` recovers; after the cooldown one probe goes to it, succeeds, and closes the circuit.
                a.set(.answer())
                clock.now = Date(timeIntervalSince1970: 5.1)
                #expect(try await harness.call("/v1/chat/completions", body: Self.body).headers["x-brokle-provider"] == "a")
                #expect(try await harness.call("/v1/chat/completions", body: Self.body).headers["x-brokle-provider"] == "a")
                #expect(a.requests == 5)
                // The gauge follows the circuit back to closed.
                let recovered = try await harness.call("/metrics", method: "GET", noAuth: true).body
                #expect(recovered.contains(#"brokle_circuit_state{deployment="a/model-a"} 0"#))
            }
        }
    }

    /// With 10% exploration the faster target should serve about 90% of requests; random routing
    /// would give it half. The latencies the gateway measures include the machine's scheduling
    /// delays, and under a full parallel test run on two cores a "2 ms" answer can take 150 ms, so
    /// one round can look like a coin toss. The test therefore asks for a round of 40 in which one
    /// target serves at least 30 (75%), within 8 rounds: a correct router gets it in the first
    /// round or two; a random one has a chance of 0.1% a round.
    @Test func leastLatencyMovesToTheFasterTargetAndBackAfterItRecovers() async throws {
        let slow = Duration.milliseconds(100), fast = Duration.milliseconds(2)
        let a = ScriptedUpstream("a", .answer(delay: slow)), b = ScriptedUpstream("b", .answer(delay: fast))
        try await ScriptedUpstream.run([a, b]) { ports in
            try await GatewayHarness.run(
                catalog: catalog(ports: ports, strategy: .leastLatency), configure: { $0.routing.exploration = 0.1 }
            ) { harness in
                func soonServesMost(_ provider: String) async throws -> [[String: Int]] {
                    var rounds: [[String: Int]] = []
                    while rounds.count < 8 {
                        var served: [String: Int] = [:]
                        for _ in 0..<40 {
                            served[
                                try await harness.call("/v1/chat/completions", body: Self.body).headers["x-brokle-provider"] ?? "?",
                                default: 0] += 1
                        }
                        rounds.append(served)
                        if served[provider, default: 0] >= 30 { break }
                    }
                    return rounds
                }
                let before = try await soonServesMost("b")
                #expect(before.last?["b", default: 0] ?? 0 >= 30, "rounds: \(before)")
                a.set(.answer(delay: fast))
                b.set(.answer(delay: slow))
                let after = try await soonServesMost("a")
                #expect(after.last?["a", default: 0] ?? 0 >= 30, "rounds: \(after)")
            }
        }
    }

    @Test func weightedThreeToOneThroughTheGateway() async throws {
        let catalog = ProviderCatalog(
            providers: [ProviderConfig(name: "m1", kind: .mock(.init())), ProviderConfig(name: "m2", kind: .mock(.init()))],
            models: [
                ModelRoute(
                    name: "split", strategy: .weighted,
                    targets: [
                        RouteTarget(provider: "m1", model: "mock-chat", weight: 3),
                        RouteTarget(provider: "m2", model: "mock-chat", weight: 1),
                    ])
            ]
        )
        try await GatewayHarness.run(catalog: catalog) { harness in
            let body = #"{"model":"split","messages":[{"role":"user","content":"hi"}]}"#
            let counts = try await withThrowingTaskGroup(of: [String: Int].self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        var counts: [String: Int] = [:]
                        for _ in 0..<500 {
                            counts[
                                try await harness.call("/v1/chat/completions", body: body).headers["x-brokle-provider"] ?? "?", default: 0] +=
                                1
                        }
                        return counts
                    }
                }
                return try await group.reduce(into: [String: Int]()) { total, part in total.merge(part, uniquingKeysWith: +) }
            }
            let share = Double(counts["m1", default: 0]) / 4000
            #expect(abs(share - 0.75) <= 0.03, "m1 served \(share)")
        }
    }
}
