@testable import BrokleCore
import Foundation
import Testing

/// `/v1/responses` served by a provider of kind `anthropic` (translated through chat): the effort
/// becomes a thinking budget, the thinking comes back as a reasoning item carrying its signature,
/// and the next turn (by `previous_response_id`) hands Anthropic the signed thinking block it needs.
@Suite struct GatewayResponsesAnthropicTests {
    @Test func thinkingGoesOutAndComesBackSigned() async throws {
        try await GatewayHarness.withProviderKinds { harness, anthropic, _ in
            let first = try await GatewayResponsesTests.create(
                harness, #"{"model":"claude-cached","input":"Hello","reasoning":{"effort":"medium"},"max_output_tokens":500}"#)
            #expect(first.status == 200, "\(first.body)")
            let sent = try #require(anthropic.seen.withLock { $0.bodies.first })
            #expect(sent["thinking"] == .object(["type": .string("enabled"), "budget_tokens": .int(4_096)]))
            #expect(sent["max_tokens"] == .int(4_596))
            let reasoning = try #require(first.json?["output"]?.elements.first)
            #expect(reasoning["type"] == .string("reasoning") && reasoning["encrypted_content"] == .string("anthropic:EqQBCgIYAhIM"))
            #expect(first.json?["output_text"] == nil && first.json?["output"]?.elements.last?["type"] == .string("message"))

            let id = try #require(first.json?["id"]?.stringValue)
            let second = try await GatewayResponsesTests.create(
                harness, #"{"model":"claude-cached","previous_response_id":"\#(id)","input":"And?","reasoning":{"effort":"medium"}}"#)
            #expect(second.status == 200, "\(second.body)")
            let continued = try #require(anthropic.seen.withLock { $0.bodies.last })
            let turns = continued["messages"]?.elements ?? []
            #expect(turns.count == 3)
            #expect(
                turns[1]["content"]?.elements.first
                    == .object([
                        "type": .string("thinking"), "thinking": .string("The user greets me."), "signature": .string("EqQBCgIYAhIM"),
                    ]))
        }
    }
}
