import Foundation
import Testing
@testable import BrokleCLIKit

/// An Anthropic client calling `/v1/messages` for a model served by a provider of kind `anthropic`:
/// same dialect at both ends, so the body goes upstream as the client wrote it, only `model`
/// rewritten — Anthropic-only fields (`cache_control`, `top_k`, `metadata`) included. A request
/// with `thinking` is still translated until answers pass through as well (see
/// ``InboundDialect/nativeBody(_:)``).
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

    /// Thinking blocks do not survive the translated answer, and a tool-use turn sent back without
    /// them is refused upstream: such a request keeps today's translation, thinking dropped.
    @Test func aRequestWithThinkingIsStillTranslated() async throws {
        try await GatewayHarness.withProviderKinds { harness, anthropic, _ in
            let body = Self.request(stream: false).replacingOccurrences(
                of: #""top_k":5,"#, with: #""top_k":5,"thinking":{"type":"enabled","budget_tokens":512},"#
            )
            #expect(body.contains("budget_tokens"))
            let reply = try await GatewayMessagesEndpointTests.messages(harness, body)
            #expect(reply.status == 200, "\(reply.body.prefix(300))")
            let sent = try #require(anthropic.seen.withLock { $0.bodies.first })
            #expect(sent["model"] == .string("claude-sonnet-4-5-text"))
            #expect(sent["thinking"] == nil && sent["top_k"] == nil)
        }
    }
}
