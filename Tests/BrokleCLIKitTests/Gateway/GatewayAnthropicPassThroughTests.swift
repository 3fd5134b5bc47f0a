@testable import BrokleCore
import Foundation
import Testing

/// An Anthropic client calling `/v1/messages` for a model served by a provider of kind `anthropic`:
/// same dialect at both ends, so the body goes upstream as the client wrote it, only `model`
/// rewritten — Anthropic-only fields (`thinking`, `cache_control`, `top_k`, `metadata`) included —
/// and the answer comes back as the provider sent it: whole answers byte for byte, streams event by
/// event, thinking blocks and their signatures included. Tokens and cost are read on the way.
@Suite struct GatewayAnthropicPassThroughTests {
    static func request(stream: Bool) -> String {
        #"""
        {"model":"claude-cached","max_tokens":1024,"top_k":5,"stream":\#(stream),
         "system":[{"type":"text","text":"You are terse.","cache_control":{"type":"ephemeral"}}],
         "messages":[{"role":"user","content":[{"type":"text","text":"A long document.","cache_control":{"type":"ephemeral","ttl":"1h"}}]}],
         "metadata":{"user_id":"u-1"}}
        """#
    }

    /// The client's body with `model` set to `model`.
    static func expected(_ body: String, model: String) throws -> JSONValue {
        guard case .object(var fields) = try AnthropicFixtures.json(Array(body.utf8)) else { throw CancellationError() }
        fields["model"] = .string(model)
        return .object(fields)
    }

    @Test(arguments: [false, true])
    func theBodyArrivesUpstreamIntact(stream: Bool) async throws {
        try await GatewayHarness.withProviderKinds { harness, anthropic, _ in
            let body = Self.request(stream: stream)
            let reply = try await GatewayMessagesEndpointTests.messages(harness, body)
            #expect(reply.status == 200, "\(reply.body.prefix(300))")
            let sent = try #require(anthropic.seen.withLock { $0.bodies.first })
            #expect(sent == (try Self.expected(body, model: "claude-sonnet-4-5-text")))
            #expect(sent["top_k"] == .int(5))
            #expect(sent["system"]?.elements.first?["cache_control"] == .object(["type": .string("ephemeral")]))
            #expect(sent["messages"]?.elements.first?["content"]?.elements.first?["cache_control"]?["ttl"] == .string("1h"))
            #expect(sent["stream_options"] == nil, "Anthropic has no stream_options")
            let trace = try await harness.trace("req-messages")
            #expect(trace.status == "ok" && trace.provider == "anthropic")
        }
    }

    /// The choice is made per attempt: a route that falls back from Anthropic to Gemini sends the
    /// client's body to Anthropic and the translated request to Gemini.
    @Test func aFallbackToAnotherDialectGetsTheTranslatedRequest() async throws {
        try await GatewayHarness.withProviderKinds { harness, anthropic, gemini in
            let body = Self.request(stream: false).replacingOccurrences(of: "claude-cached", with: "resilient")
            let reply = try await GatewayMessagesEndpointTests.messages(harness, body)
            #expect(reply.status == 200, "\(reply.body.prefix(300))")
            #expect(reply.headers["x-brokle-provider"] == "gemini")
            let sent = try #require(anthropic.seen.withLock { $0.bodies.first })
            #expect(sent == (try Self.expected(body, model: "overloaded")))
            let translated = try #require(gemini.calls.withLock { $0.first?.body })
            #expect(translated.contains("contents") && !translated.contains("cache_control") && !translated.contains("top_k"))
        }
    }

    /// The request that used to lose its thinking: `thinking` arrives with the rest.
    @Test(arguments: [false, true])
    func thinkingCacheControlAndTopKArriveUpstreamIntact(stream: Bool) async throws {
        try await GatewayHarness.withProviderKinds { harness, anthropic, _ in
            let body = Self.request(stream: stream).replacingOccurrences(
                of: #""top_k":5,"#, with: #""top_k":5,"thinking":{"type":"enabled","budget_tokens":512},"#
            )
            #expect(body.contains("budget_tokens"))
            let reply = try await GatewayMessagesEndpointTests.messages(harness, body)
            #expect(reply.status == 200, "\(reply.body.prefix(300))")
            let sent = try #require(anthropic.seen.withLock { $0.bodies.first })
            #expect(sent == (try Self.expected(body, model: "claude-sonnet-4-5-text")))
            #expect(sent["thinking"] == .object(["type": .string("enabled"), "budget_tokens": .int(512)]))
            #expect(sent["top_k"] == .int(5))
            #expect(sent["system"]?.elements.first?["cache_control"] == .object(["type": .string("ephemeral")]))
        }
    }

    /// anthropic-response-text.json (a thinking block with its signature, two text blocks; 12 fresh
    /// input, 2000 cache reads, 100 cache writes, 9 out) reaches the client byte for byte.
    @Test func aThinkingAnswerComesBackByteForByte() async throws {
        try await GatewayHarness.withProviderKinds { harness, _, _ in
            let reply = try await GatewayMessagesEndpointTests.messages(harness, Self.request(stream: false))
            #expect(reply.status == 200)
            #expect(reply.body == (try AnthropicFixtures.text("anthropic-response-text.json")))
            let thinking = try #require(reply.json?["content"]?.elements.first)
            #expect(thinking["type"] == .string("thinking") && thinking["signature"] == .string("EqQBCgIYAhIM"))

            let usage = TokenUsage(input: 2112, output: 9, cachedInput: 2000, cacheWrite: 100)
            let trace = try await harness.trace("req-messages")
            #expect(trace.status == "ok" && trace.provider == "anthropic" && !trace.stream)
            #expect(trace.tokensIn == usage.input && trace.tokensOut == usage.output)
            #expect(trace.tokensCached == usage.cachedInput && trace.tokensCacheWrite == usage.cacheWrite)
            let cost = try GatewayHarness.expectedCost(provider: "anthropic", model: "claude-sonnet-4-5-text", usage)
            #expect(trace.costStatus == "priced" && trace.costNanoUSD == cost)
            #expect(reply.headers["x-brokle-cost-usd"] == "\(CostCalculator.usd(nano: Int64(cost)))")
        }
    }

    /// anthropic-stream-text.sse (a thinking block, its signature delta, a ping, text; 25 fresh
    /// input, 1000 cache reads, 15 out) reaches the client event by event, unchanged.
    @Test func aThinkingStreamPassesThroughEventByEvent() async throws {
        try await GatewayHarness.withProviderKinds { harness, _, _ in
            let reply = try await GatewayMessagesEndpointTests.messages(harness, Self.request(stream: true))
            #expect(reply.status == 200)
            #expect(reply.headers["content-type"] == "text/event-stream")
            let events = try AnthropicFixtures.namedEvents(reply.body)
            let sent = try AnthropicFixtures.namedEvents(try AnthropicFixtures.text("anthropic-stream-text.sse"))
            #expect(events.map(\.name) == sent.map(\.name))
            #expect(events.map(\.data) == sent.map(\.data))
            #expect(events.contains { $0.data["delta"]?["signature"] == .string("EqQBCgIYAhIM") })

            let usage = TokenUsage(input: 1025, output: 15, cachedInput: 1000)
            let trace = try await harness.trace("req-messages")
            #expect(trace.status == "ok" && trace.provider == "anthropic" && trace.stream)
            #expect(trace.tokensIn == usage.input && trace.tokensOut == usage.output && trace.tokensCached == usage.cachedInput)
            let cost = try GatewayHarness.expectedCost(provider: "anthropic", model: "claude-sonnet-4-5-text", usage)
            #expect(trace.costStatus == "priced" && trace.costNanoUSD == cost)
        }
    }

    /// The pass-through twin of ``GatewayMessagesEndpointTests/aToolUseStreamComesBackAsAnthropicEvents()``:
    /// every event as the provider sent it, the empty `input_json_delta` included.
    @Test func aToolUseStreamPassesThroughEventByEvent() async throws {
        try await GatewayHarness.withProviderKinds { harness, _, _ in
            let reply = try await GatewayMessagesEndpointTests.messages(harness, GatewayMessagesEndpointTests.tools(stream: true))
            #expect(reply.status == 200)
            let events = try AnthropicFixtures.namedEvents(reply.body)
            let sent = try AnthropicFixtures.namedEvents(try AnthropicFixtures.text("anthropic-stream-tools.sse"))
            #expect(events.map(\.name) == sent.map(\.name))
            #expect(events.map(\.data) == sent.map(\.data))
            #expect(events.contains { $0.data["delta"]?["partial_json"] == .string("") })

            // anthropic-stream-tools.sse: 472 input, 30 cache writes, 89 out.
            let trace = try await harness.trace("req-messages")
            #expect(trace.status == "ok" && trace.stream)
            #expect(trace.tokensIn == 502 && trace.tokensCacheWrite == 30 && trace.tokensOut == 89)
        }
    }

    /// An `error` event from the provider reaches the client as Anthropic sent it (its
    /// `overloaded_error` type intact) and ends the stream; the trace records the failure.
    @Test func anErrorEventPassesThroughAndEndsTheStream() async throws {
        try await GatewayHarness.withProviderKinds { harness, _, _ in
            let body = #"{"model":"anthropic/stream-error","max_tokens":16,"stream":true,"messages":[{"role":"user","content":"hi"}]}"#
            let reply = try await GatewayMessagesEndpointTests.messages(harness, body)
            #expect(reply.status == 200, "the head went out before the error")
            let events = try AnthropicFixtures.namedEvents(reply.body)
            let sent = try AnthropicFixtures.namedEvents(try AnthropicFixtures.text("anthropic-stream-error.sse"))
            #expect(events.map(\.name) == sent.map(\.name))
            #expect(events.map(\.data) == sent.map(\.data))
            #expect(events.last?.data["error"]?["type"] == .string("overloaded_error"))
            let trace = try await harness.trace("req-messages")
            #expect(trace.status == "error" && trace.stream && trace.tokensIn == 10)
        }
    }
}
