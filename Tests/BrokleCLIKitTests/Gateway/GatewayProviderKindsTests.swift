@testable import BrokleCore
import Foundation
import Testing

/// An OpenAI client talking to the gateway, which serves from providers of kind `anthropic`
/// (FakeAnthropic) and `gemini` (FakeGemini): what the client reads, and what the trace stores.
/// The token counts are the fixtures' (Tests/Fixtures/anthropic, Tests/Fixtures/gemini).
@Suite struct GatewayProviderKindsTests {
    static func chat(_ model: String, stream: Bool = false, includeUsage: Bool = false) -> String {
        var fields = #""model":"\#(model)","messages":[{"role":"user","content":"Weather in Paris?"}]"#
        if stream { fields += #","stream":true"# }
        if includeUsage { fields += #","stream_options":{"include_usage":true}"# }
        return "{\(fields)}"
    }

    static func call(_ harness: GatewayHarness, _ body: String, id: String) async throws -> GatewayHarness.Reply {
        try await harness.call("/v1/chat/completions", body: body, headers: ["x-brokle-request-id": id])
    }

    // MARK: - Whole answers

    @Test func anAnthropicAnswerIsAnOpenAICompletionWithCacheTokensTracedAndPriced() async throws {
        try await GatewayHarness.withProviderKinds { harness, anthropic, _ in
            let reply = try await Self.call(harness, Self.chat("claude-cached"), id: "req-claude")
            #expect(reply.status == 200)
            #expect(reply.headers["x-brokle-provider"] == "anthropic")
            #expect(reply.headers["x-brokle-model"] == "claude-sonnet-4-5-text")
            let json = try #require(reply.json)
            #expect(json["object"] == .string("chat.completion"))
            let choice = try #require(json["choices"]?.elements.first)
            #expect(choice["message"]?["role"] == .string("assistant"))
            #expect(choice["message"]?["content"] == .string("Hello! How can I help?"), "thinking dropped, text blocks joined")
            #expect(choice["finish_reason"] == .string("stop"))
            // anthropic-response-text.json: 12 fresh input, 2000 cache reads, 100 cache writes, 9 out.
            #expect(json["usage"]?["prompt_tokens"] == .int(12 + 2000 + 100))
            #expect(json["usage"]?["completion_tokens"] == .int(9))
            #expect(json["usage"]?["prompt_tokens_details"]?["cached_tokens"] == .int(2000))

            let trace = try await harness.trace("req-claude")
            #expect(trace.status == "ok" && trace.provider == "anthropic" && !trace.stream)
            #expect(trace.tokensIn == 2112)
            #expect(trace.tokensCached == 2000)
            #expect(trace.tokensCacheWrite == 100)
            #expect(trace.tokensOut == 9)
            let cost = try GatewayHarness.expectedCost(
                provider: "anthropic", model: "claude-sonnet-4-5-text",
                TokenUsage(input: 2112, output: 9, cachedInput: 2000, cacheWrite: 100)
            )
            #expect(trace.costStatus == "priced")
            #expect(trace.costNanoUSD == cost)
            #expect(reply.headers["x-brokle-cost-usd"] == "\(CostCalculator.usd(nano: Int64(cost)))")
            // The provider got its own key and the upstream model.
            anthropic.seen.withLock { seen in
                #expect(seen.headers.first?["x-api-key"] == FakeAnthropic.key)
                #expect(seen.bodies.first?["model"] == .string("claude-sonnet-4-5-text"))
            }
        }
    }

    @Test func aGeminiAnswerIsAnOpenAICompletionWithToolCallsTracedAndPriced() async throws {
        try await GatewayHarness.withProviderKinds { harness, _, gemini in
            let reply = try await Self.call(harness, Self.chat("gemini-flash"), id: "req-gemini")
            #expect(reply.status == 200)
            #expect(reply.headers["x-brokle-provider"] == "gemini")
            #expect(reply.headers["x-brokle-model"] == "gemini-2.5-flash")
            let json = try #require(reply.json)
            #expect(json["object"] == .string("chat.completion"))
            let choice = try #require(json["choices"]?.elements.first)
            #expect(choice["message"]?["content"] == .string("Let me check both for you."))
            #expect(choice["finish_reason"] == .string("tool_calls"))
            let calls = choice["message"]?["tool_calls"]?.elements ?? []
            #expect(calls.map { $0["function"]?["name"] } == [.string("get_weather"), .string("get_time")])
            #expect(calls.map { $0["type"] } == [.string("function"), .string("function")])
            let arguments = try calls.map { try GeminiFixtures.json(Data(($0["function"]?["arguments"]?.stringValue ?? "").utf8)) }
            #expect(
                arguments == [
                    .object(["city": .string("Paris"), "when": .object(["day": .int(1)])]), .object([:]),
                ])

            // chat-response.gemini.json: 1200 prompt (1024 cached), 40 candidates + 25 thoughts.
            let trace = try await harness.trace("req-gemini")
            #expect(trace.status == "ok" && trace.provider == "gemini")
            #expect(trace.tokensIn == 1200)
            #expect(trace.tokensCached == 1024)
            #expect(trace.tokensCacheWrite == 0)
            #expect(trace.tokensOut == 65)
            #expect(trace.tokensReasoning == 25)
            let cost = try GatewayHarness.expectedCost(
                provider: "gemini", model: "gemini-2.5-flash", TokenUsage(input: 1200, output: 65, cachedInput: 1024, reasoning: 25)
            )
            #expect(trace.costStatus == "priced")
            #expect(trace.costNanoUSD == cost)
            let call = try #require(gemini.calls.withLock { $0.first })
            #expect(call.path == "/v1beta/models/gemini-2.5-flash:generateContent")
            #expect(call.apiKey == FakeGemini.apiKey)
        }
    }

    @Test func anAnthropicToolUseComesBackAsOpenAIToolCalls() async throws {
        try await GatewayHarness.withProviderKinds { harness, _, _ in
            let reply = try await Self.call(harness, Self.chat("claude-tools"), id: "req-tools")
            #expect(reply.status == 200)
            let choice = try #require(reply.json?["choices"]?.elements.first)
            #expect(choice["finish_reason"] == .string("tool_calls"))
            #expect(choice["message"]?["content"] == .string("I'll look that up."))
            let calls = choice["message"]?["tool_calls"]?.elements ?? []
            #expect(calls.map { $0["id"] } == [.string("toolu_01T1x1fJ34qAmk2tNTrN7Up6"), .string("toolu_01T1x1fJ34qAmk2tNTrN7Up7")])
            #expect(calls.map { $0["function"]?["name"] } == [.string("get_weather"), .string("get_time")])
            let arguments = try calls.map { try AnthropicFixtures.json(Array(($0["function"]?["arguments"]?.stringValue ?? "").utf8)) }
            #expect(arguments == [.object(["city": .string("Paris"), "days": .int(2)]), .object([:])])
            let trace = try await harness.trace("req-tools")
            #expect(trace.tokensIn == 472 && trace.tokensOut == 89 && trace.tokensCached == 0)
        }
    }

    // MARK: - Streams

    @Test(arguments: [false, true])
    func anAnthropicStreamIsRelayedAsOpenAIChunksWithExactUsage(includeUsage: Bool) async throws {
        try await GatewayHarness.withProviderKinds { harness, _, _ in
            let reply = try await Self.call(harness, Self.chat("claude-cached", stream: true, includeUsage: includeUsage), id: "req-stream")
            #expect(reply.status == 200)
            #expect(reply.headers["content-type"] == "text/event-stream")
            #expect(reply.headers["x-brokle-provider"] == "anthropic")
            #expect(reply.body.hasSuffix("data: [DONE]\n\n"))
            let read = try OpenAIStreamRead(reply.body)
            #expect(read.events.last == .string("[DONE]"))
            #expect(read.chunks.allSatisfy { $0["object"] == .string("chat.completion.chunk") })
            #expect(read.content == "Hello wörld! 👋")
            #expect(read.finishReasons == ["stop"])
            // anthropic-stream-text.sse: 25 fresh input, 1000 cache reads, 15 out.
            if includeUsage {
                #expect(read.usageChunks.count == 1)
                #expect(read.usageChunks.first?["usage"]?["prompt_tokens"] == .int(1025))
                #expect(read.usageChunks.first?["usage"]?["completion_tokens"] == .int(15))
                #expect(read.events.dropLast().last == read.usageChunks.first, "the usage chunk comes last, before [DONE]")
            } else {
                #expect(read.usageChunks.isEmpty)
                #expect(!reply.body.contains(#""usage""#))
            }

            let trace = try await harness.trace("req-stream")
            #expect(trace.status == "ok" && trace.stream)
            #expect(trace.tokensIn == 1025)
            #expect(trace.tokensCached == 1000)
            #expect(trace.tokensOut == 15)
            let cost = try GatewayHarness.expectedCost(
                provider: "anthropic", model: "claude-sonnet-4-5-text", TokenUsage(input: 1025, output: 15, cachedInput: 1000)
            )
            #expect(trace.costStatus == "priced" && trace.costNanoUSD == cost)
        }
    }

    @Test(arguments: [false, true])
    func aGeminiStreamIsRelayedAsOpenAIChunksWithToolCallsAndExactUsage(includeUsage: Bool) async throws {
        try await GatewayHarness.withProviderKinds { harness, _, _ in
            let reply = try await Self.call(harness, Self.chat("gemini-flash", stream: true, includeUsage: includeUsage), id: "req-gstream")
            #expect(reply.status == 200)
            #expect(reply.headers["x-brokle-provider"] == "gemini")
            #expect(reply.body.hasSuffix("data: [DONE]\n\n"))
            let read = try OpenAIStreamRead(reply.body)
            #expect(read.content == "Checking the weather.")
            #expect(read.finishReasons == ["tool_calls"])
            let calls = read.toolCalls
            #expect(calls.map(\.name) == ["get_weather", "get_time"])
            #expect(calls.allSatisfy { !$0.id.isEmpty })
            #expect(calls.map(\.arguments) == [#"{"city":"Paris"}"#, #"{"zone":"CET"}"#])
            // stream-tools.gemini.sse: 30 prompt, 20 candidates + 12 thoughts.
            #expect(read.usageChunks.count == (includeUsage ? 1 : 0))
            if includeUsage { #expect(read.usageChunks.first?["usage"]?["completion_tokens"] == .int(32)) }

            let trace = try await harness.trace("req-gstream")
            #expect(trace.status == "ok" && trace.stream)
            #expect(trace.tokensIn == 30 && trace.tokensCached == 0)
            #expect(trace.tokensOut == 32 && trace.tokensReasoning == 12)
            let cost = try GatewayHarness.expectedCost(
                provider: "gemini", model: "gemini-2.5-flash", TokenUsage(input: 30, output: 32, reasoning: 12))
            #expect(trace.costStatus == "priced" && trace.costNanoUSD == cost)
        }
    }

    @Test func anAnthropicToolUseStreamComesBackAsOpenAIToolCallDeltas() async throws {
        try await GatewayHarness.withProviderKinds { harness, _, _ in
            let reply = try await Self.call(harness, Self.chat("claude-tools", stream: true), id: "req-tstream")
            #expect(reply.status == 200)
            let read = try OpenAIStreamRead(reply.body)
            #expect(read.events.last == .string("[DONE]"))
            #expect(read.content == "Checking.")
            #expect(read.finishReasons == ["tool_calls"])
            let calls = read.toolCalls
            #expect(calls.map(\.id) == ["toolu_01T1x1fJ34qAmk2tNTrN7Up6", "toolu_01T1x1fJ34qAmk2tNTrN7Up7"])
            #expect(calls.map(\.name) == ["get_weather", "get_time"])
            #expect(calls.map(\.arguments) == [#"{"city": "Paris"}"#, "{}"], "the argument pieces join up")
            // anthropic-stream-tools.sse: 472 input, 30 cache writes (in message_delta), 89 out.
            let trace = try await harness.trace("req-tstream")
            #expect(trace.tokensIn == 502 && trace.tokensCacheWrite == 30 && trace.tokensOut == 89)
        }
    }

    @Test func anAnthropicStreamBreakingOffEndsWithAnInBandError() async throws {
        try await GatewayHarness.withProviderKinds { harness, _, _ in
            let reply = try await Self.call(harness, Self.chat("claude-broken", stream: true), id: "req-broken")
            #expect(reply.status == 200, "the head went out before the upstream broke off")
            let read = try OpenAIStreamRead(reply.body)
            #expect(read.chunks.first?["choices"]?.elements.first?["delta"]?["role"] == .string("assistant"))
            // The transcript stops inside an event; that torn event is read as unreadable or, had
            // the cut fallen between events, as a stream that ended early. Either way an error.
            let error = read.events.last?["error"]
            #expect(error?["type"] == .string("api_error"))
            #expect([.string("upstream_bad_response"), .string("upstream_stream_broken")].contains(error?["code"]))
            #expect(!read.events.contains(.string("[DONE]")))
            let trace = try await harness.trace("req-broken")
            #expect(trace.status == "error" && trace.stream && trace.provider == "anthropic")
        }
    }

    // MARK: - Errors and fallback

    @Test(arguments: [false, true])
    func anAnthropicOverloadIsRelayedAs529WithoutTheProviderKey(stream: Bool) async throws {
        try await GatewayHarness.withProviderKinds { harness, _, _ in
            let reply = try await Self.call(harness, Self.chat("claude-overloaded", stream: stream), id: "req-529")
            #expect(reply.status == 529)
            #expect(reply.headers["content-type"]?.hasPrefix("application/json") == true)
            #expect(
                reply.json
                    == .object([
                        "error": .object([
                            "message": .string("Overloaded for key ***"), "type": .string("overloaded_error"), "param": .null,
                            "code": .null,
                        ])
                    ]))
            #expect(!reply.body.contains(FakeAnthropic.key))
            let trace = try await harness.trace("req-529")
            #expect(trace.status == "error" && trace.provider == "anthropic")
            #expect(trace.tokensIn == 0 && trace.costNanoUSD == nil)
        }
    }

    @Test func geminiErrorsAreRelayedWithTheirStatusWithoutTheProviderKey() async throws {
        try await GatewayHarness.withProviderKinds { harness, _, _ in
            for stream in [false, true] {
                let limited = try await Self.call(harness, Self.chat("gemini-limited", stream: stream), id: "req-429-\(stream)")
                #expect(limited.status == 429)
                #expect(limited.json == (try GeminiFixtures.json("error-429.openai.json")))

                let down = try await Self.call(harness, Self.chat("gemini-down", stream: stream), id: "req-503-\(stream)")
                #expect(down.status == 503)
                #expect(down.json?["error"]?["message"] == .string("The model is overloaded (key ***)."))
                #expect(down.json?["error"]?["type"] == .string("api_error"))
                #expect(down.json?["error"]?["code"] == .string("UNAVAILABLE"))
                #expect(!down.body.contains(FakeGemini.apiKey))
            }
            let trace = try await harness.trace("req-429-true", atLeast: 4)
            #expect(trace.status == "error" && trace.provider == "gemini" && trace.stream)
        }
    }

    @Test(arguments: [false, true])
    func anOverloadedAnthropicFallsBackToGemini(stream: Bool) async throws {
        try await GatewayHarness.withProviderKinds { harness, anthropic, gemini in
            let reply = try await Self.call(harness, Self.chat("resilient", stream: stream, includeUsage: stream), id: "req-fallback")
            #expect(reply.status == 200)
            #expect(reply.headers["x-brokle-provider"] == "gemini")
            #expect(reply.headers["x-brokle-model"] == "gemini-2.5-flash")
            #expect(reply.headers["x-brokle-attempts"] == "2")
            if stream {
                let read = try OpenAIStreamRead(reply.body)
                #expect(read.content == "Checking the weather.")
                #expect(read.events.last == .string("[DONE]"))
            } else {
                #expect(reply.json?["choices"]?.elements.first?["message"]?["content"] == .string("Let me check both for you."))
            }
            #expect(!reply.body.contains("Overloaded"))
            #expect(anthropic.seen.withLock { $0.bodies.count } == 1)
            #expect(gemini.calls.withLock { $0.count } == 1)

            let trace = try await harness.trace("req-fallback")
            #expect(trace.status == "ok" && trace.provider == "gemini")
            #expect(trace.tokensIn == (stream ? 30 : 1200))
            let tried = try await harness.attempts("req-fallback")
            #expect(tried.map(\.provider) == ["anthropic", "gemini"])
            #expect(tried.map(\.status) == ["error", "ok"])
            #expect(tried.map(\.http) == [529, 200])
        }
    }
}
