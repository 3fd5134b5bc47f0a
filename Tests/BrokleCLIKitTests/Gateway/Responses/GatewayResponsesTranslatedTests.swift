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

/// `/v1/responses` served by Gemini (translated twice: Responses → chat → generateContent and back)
/// from Gemini's documented tool-call answers, whole and streamed: function calls as items, usage
/// and cost exact.
@Suite struct GatewayResponsesGeminiTests {
    static let body =
        #"{"model":"gemini-flash","input":"Weather in Paris?","tools":[{"type":"function","name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}]"#

    @Test func aToolCallAnswerBecomesFunctionCallItems() async throws {
        try await GatewayHarness.withProviderKinds { harness, _, _ in
            let reply = try await GatewayResponsesTests.create(harness, Self.body + "}", id: "req-gresp")
            #expect(reply.status == 200, "\(reply.body)")
            let output = reply.json?["output"]?.elements ?? []
            #expect(output.first?["type"] == .string("message"))
            #expect(output.first?["content"]?.elements.first?["text"] == .string("Let me check both for you."))
            let calls = output.filter { $0["type"] == .string("function_call") }
            #expect(calls.map { $0["name"] } == [.string("get_weather"), .string("get_time")])
            #expect(calls.allSatisfy { $0["call_id"]?.stringValue?.isEmpty == false })
            // chat-response.gemini.json: 1200 prompt (1024 cached), 40 candidates + 25 thoughts.
            let usage = reply.json?["usage"]
            #expect(usage?["input_tokens"] == .int(1200) && usage?["input_tokens_details"]?["cached_tokens"] == .int(1024))
            #expect(usage?["output_tokens"] == .int(65) && usage?["output_tokens_details"]?["reasoning_tokens"] == .int(25))
            let trace = try await harness.trace("req-gresp")
            let cost = try GatewayHarness.expectedCost(
                provider: "gemini", model: "gemini-2.5-flash", TokenUsage(input: 1200, output: 65, cachedInput: 1024, reasoning: 25))
            #expect(trace.costStatus == "priced" && trace.costNanoUSD == cost)
        }
    }

    @Test func aStreamedToolCallEndsInTheCompletedResponse() async throws {
        try await GatewayHarness.withProviderKinds { harness, _, _ in
            let reply = try await GatewayResponsesTests.create(harness, Self.body + #","stream":true}"#, id: "req-gresp-stream")
            #expect(reply.status == 200)
            let events = try AnthropicFixtures.namedEvents(reply.body)
            #expect(events.first?.name == "response.created" && events.last?.name == "response.completed")
            #expect(events.map { $0.data["sequence_number"] } == (0..<events.count).map { .int($0) })
            let arguments = events.filter { $0.name == "response.function_call_arguments.done" }.map { $0.data["arguments"] }
            #expect(arguments == [.string(#"{"city":"Paris"}"#), .string(#"{"zone":"CET"}"#)])
            let completed = try #require(events.last?.data["response"])
            #expect(completed["usage"]?["input_tokens"] == .int(30) && completed["usage"]?["output_tokens"] == .int(32))
            let trace = try await harness.trace("req-gresp-stream")
            let cost = try GatewayHarness.expectedCost(
                provider: "gemini", model: "gemini-2.5-flash", TokenUsage(input: 30, output: 32, reasoning: 12))
            #expect(trace.stream && trace.tokensReasoning == 12 && trace.costNanoUSD == cost)
        }
    }
}
