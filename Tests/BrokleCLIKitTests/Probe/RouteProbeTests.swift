@testable import BrokleCLIKit
@testable import BrokleCore
@testable import BrokleSettings
import Foundation
import Testing

@Suite struct RouteProbeTests {
    @Test func theBodyIsAMinimalChatRequestWithTheModelEscaped() throws {
        let body = try RouteProbe.body(model: #"meta/llama "3""#)
        let json = try JSONDecoder().decode(JSONValue.self, from: body)
        #expect(
            json
                == .object([
                    "model": .string(#"meta/llama "3""#),
                    "messages": .array([.object(["role": .string("user"), "content": .string("ping")])]),
                    "max_tokens": .int(5),
                ]))
    }

    @Test func eachTargetGetsItsStatusLatencyAndError() async throws {
        let catalog = try ProxyFile.load(
            """
            providers:
              fast: { kind: mock }
              broken: { kind: mock, error_rate: 1, error_status: 503 }
            models:
              smart: { provider: fast, model: mock-chat }
            """, source: "test.yaml", lookup: { _ in nil }
        ).catalog
        let outcomes = try await RouteProbe(catalog: catalog, timeout: 10).run([
            RouteTarget(provider: "broken", model: "mock-chat"),
            RouteTarget(provider: "fast", model: "mock-chat"),
            RouteTarget(provider: "missing", model: "mock-chat"),
        ])
        #expect(outcomes.map(\.status) == [503, 200, nil])
        #expect(outcomes[0].error != nil && outcomes[1].error == nil)
        #expect(outcomes[0].latencyMs != nil && outcomes[1].latencyMs != nil && outcomes[2].latencyMs == nil)
        #expect(outcomes[2].error == "provider kind unknown is not available in this build")
    }
}
