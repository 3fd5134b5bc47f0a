@testable import BrokleCore
import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// A policy set with `brokle guardrails set` reaches every running proxy within the refresh interval.
@Suite struct CLIGuardrailsPolicyTests {
    typealias RunningProxy = CLIProxyTests.RunningProxy

    static let yaml = """
        providers:
          mock: { kind: mock, mode: echo }
        models:
          mock-chat: { provider: mock }
        """

    static func ask(_ proxy: RunningProxy, _ content: String) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: proxy.baseURL + "/chat/completions")
        request.method = .POST
        request.headers.add(name: "authorization", value: "Bearer \(proxy.key)")
        request.body = .bytes(ByteBuffer(string: #"{"model":"mock-chat","messages":[{"role":"user","content":"\#(content)"}]}"#))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }

    @Test(.timeLimit(.minutes(2)))
    func aProjectPolicyAppliesAcrossTwoProxiesWithinTheRefresh() async throws {
        let environment = ["BROKLE_GUARDRAILS_REFRESH": "0.3"]
        let first = try await RunningProxy(environment: environment, yaml: Self.yaml)
        let second = try await RunningProxy(environment: environment, folder: first.folder, seed: false)
        second.key = first.key
        let email = "jane.doe@example.com"
        for proxy in [first, second] {
            let before = try await Self.ask(proxy, "I am \(email)")
            #expect(before.status == 200 && before.body.contains(email), "no policy yet: \(before.body)")
        }
        let set = try await BrokleBinary.run(
            ["guardrails", "set", "--project", "acme/web", "--input", "email=block"], environment: environment, in: first.folder)
        #expect(set.status == 0, "\(set.stderr)")
        // Both proxies refuse once they have read it again (every 0.3 s here): each asks until its
        // answer changes, within 10 s — the answer is the event waited for.
        let deadline = ContinuousClock.now + .seconds(10)
        for proxy in [first, second] {
            var last = (status: 0, body: "")
            repeat { last = try await Self.ask(proxy, "I am \(email)") } while last.status != 400 && ContinuousClock.now < deadline
            #expect(last.status == 400)
            #expect(last.body.contains("content_policy_violation") && !last.body.contains(email))
            #expect(try await Self.ask(proxy, "no personal data here").status == 200)
        }
        let removed = try await BrokleBinary.run(
            ["guardrails", "remove", "--project", "acme/web"], environment: environment, in: first.folder)
        #expect(removed.status == 0)
        for proxy in [first, second] { #expect(try await proxy.stop() == 0) }
    }
}
