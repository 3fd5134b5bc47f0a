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

/// `/v1/responses` served by Anthropic's documented tool-use answers, through the `anthropic` kind
/// and through an OpenAI-compatible upstream that answers the same in OpenAI's chat format: the
/// function calls keep their ids and arguments, whole and streamed, usage (and cost) exact.
@Suite struct GatewayResponsesToolUseTests {
    static let body =
        #"{"model":"MODEL","input":"Weather in Paris?","tools":[{"type":"function","name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}]"#

    @Test(arguments: ["claude-tools", "claude-tools-via-openai"])
    func aToolUseAnswerBecomesFunctionCallItems(model: String) async throws {
        try await GatewayHarness.withProviderKinds { harness, _, _ in
            let body = Self.body.replacingOccurrences(of: "MODEL", with: model) + "}"
            let reply = try await GatewayResponsesTests.create(harness, body, id: "req-tools")
            #expect(reply.status == 200, "\(reply.body)")
            let output = reply.json?["output"]?.elements ?? []
            #expect(output.first?["content"]?.elements.first?["text"] == .string("I'll look that up."))
            let calls = output.filter { $0["type"] == .string("function_call") }
            #expect(calls.map { $0["call_id"] } == [.string("toolu_01T1x1fJ34qAmk2tNTrN7Up6"), .string("toolu_01T1x1fJ34qAmk2tNTrN7Up7")])
            let arguments = try calls.map { try AnthropicFixtures.json(Array(($0["arguments"]?.stringValue ?? "").utf8)) }
            #expect(arguments == [.object(["city": .string("Paris"), "days": .int(2)]), .object([:])])
            #expect(reply.json?["status"] == .string("completed"))
            #expect(reply.json?["usage"]?["input_tokens"] == .int(472) && reply.json?["usage"]?["output_tokens"] == .int(89))
            let trace = try await harness.trace("req-tools")
            #expect(trace.tokensIn == 472 && trace.tokensOut == 89)
            if model == "claude-tools" {
                let cost = try GatewayHarness.expectedCost(
                    provider: "anthropic", model: "claude-sonnet-4-5-tools", TokenUsage(input: 472, output: 89))
                #expect(trace.costStatus == "priced" && trace.costNanoUSD == cost)
            }
        }
    }

    @Test(arguments: ["claude-tools", "claude-tools-via-openai"])
    func aToolUseStreamEndsInTheCompletedResponse(model: String) async throws {
        try await GatewayHarness.withProviderKinds { harness, _, _ in
            let body = Self.body.replacingOccurrences(of: "MODEL", with: model) + #","stream":true}"#
            let reply = try await GatewayResponsesTests.create(harness, body, id: "req-tools-stream")
            #expect(reply.status == 200)
            let events = try AnthropicFixtures.namedEvents(reply.body)
            #expect(events.last?.name == "response.completed")
            let done = events.filter { $0.name == "response.function_call_arguments.done" }
            #expect(done.map { $0.data["name"] } == [.string("get_weather"), .string("get_time")])
            #expect(done.map { $0.data["arguments"] } == [.string(#"{"city": "Paris"}"#), .string("{}")])
            let text = events.filter { $0.name == "response.output_text.delta" }.compactMap { $0.data["delta"]?.stringValue }.joined()
            #expect(text == "Checking.")
            // anthropic-stream-tools.sse: 472 input, 30 cache writes, 89 out.
            let usage = events.last?.data["response"]?["usage"]
            #expect(usage?["input_tokens"] == .int(502) && usage?["output_tokens"] == .int(89))
            let trace = try await harness.trace("req-tools-stream")
            #expect(trace.stream && trace.tokensIn == 502 && trace.tokensCacheWrite == 30 && trace.tokensOut == 89)
        }
    }
}
