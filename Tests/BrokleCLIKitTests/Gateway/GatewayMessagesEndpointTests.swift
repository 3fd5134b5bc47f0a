@testable import BrokleCore
import Foundation
import Testing

/// An Anthropic client (key in `x-api-key`, `anthropic-version` set) calling the gateway's
/// `POST /v1/messages`, served by the mock and by an OpenAI-compatible upstream (FakeAnthropic's
/// OpenAI face), so a request goes Anthropic → OpenAI → Anthropic and the answer back the same way.
/// A provider of kind `anthropic` gets no translation either way: see
/// ``GatewayAnthropicPassThroughTests``.
@Suite struct GatewayMessagesEndpointTests {
    static let toolsRequest = #"""
        {"model":"claude-tools","max_tokens":256,
         "tools":[{"name":"get_weather","description":"Weather for a city","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],
         "messages":[
           {"role":"user","content":"Weather in Paris?"},
           {"role":"assistant","content":[{"type":"tool_use","id":"toolu_earlier","name":"get_weather","input":{"city":"Lyon"}}]},
           {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_earlier","content":"18°C"},{"type":"text","text":"And Paris?"}]}
         ]STREAM}
        """#

    static func tools(stream: Bool, model: String = "claude-tools") -> String {
        toolsRequest.replacingOccurrences(of: "STREAM", with: stream ? #","stream":true"# : "")
            .replacingOccurrences(of: #""model":"claude-tools""#, with: #""model":"\#(model)""#)
    }

    static func messages(_ harness: GatewayHarness, _ body: String, key: String? = nil, id: String = "req-messages") async throws
        -> GatewayHarness.Reply
    {
        try await harness.call(
            "/v1/messages", body: body, noAuth: true,
            headers: [
                "x-api-key": key ?? harness.key, "anthropic-version": "2023-06-01", "x-brokle-request-id": id,
            ])
    }

    @Test func theMockAnswersInAnthropicShape() async throws {
        try await GatewayHarness.withProviderKinds { harness, _, _ in
            let reply = try await Self.messages(
                harness, #"{"model":"mock-chat","max_tokens":64,"messages":[{"role":"user","content":"Hello there"}]}"#)
            #expect(reply.status == 200)
            #expect(reply.headers["x-brokle-provider"] == "mock")
            let message = try #require(reply.json)
            #expect(message["type"] == .string("message"))
            #expect(message["role"] == .string("assistant"))
            #expect(message["model"] == .string("mock-chat"))
            #expect(message["id"]?.stringValue?.hasPrefix("msg_") == true)
            #expect(message["stop_reason"] == .string("end_turn"))
            let blocks = message["content"]?.elements ?? []
            #expect(blocks.count == 1)
            #expect(blocks.first?["type"] == .string("text"))
            #expect(blocks.first?["text"]?.stringValue?.isEmpty == false)
            let input = message["usage"]?["input_tokens"]?.intValue ?? 0
            #expect(input > 0)
            #expect(message["usage"]?["output_tokens"] == .int(16))
            let trace = try await harness.trace("req-messages")
            #expect(trace.status == "ok" && trace.provider == "mock")
            #expect(trace.tokensIn == input && trace.tokensOut == 16)
        }
    }

    @Test func toolUseSurvivesTheRoundTripThroughTranslation() async throws {
        try await GatewayHarness.withProviderKinds { harness, _, _ in
            let reply = try await Self.messages(harness, Self.tools(stream: false, model: "claude-tools-via-openai"))
            #expect(reply.status == 200)
            #expect(reply.headers["x-brokle-provider"] == "anthropic-as-openai")
            let message = try #require(reply.json)
            #expect(message["type"] == .string("message"))
            #expect(message["model"] == .string("claude-tools-via-openai"), "named after the model the client asked for")
            #expect(message["stop_reason"] == .string("tool_use"))
            #expect(
                message["content"]
                    == .array([
                        .object(["type": .string("text"), "text": .string("I'll look that up.")]),
                        .object([
                            "type": .string("tool_use"), "id": .string("toolu_01T1x1fJ34qAmk2tNTrN7Up6"), "name": .string("get_weather"),
                            "input": .object(["city": .string("Paris"), "days": .int(2)]),
                        ]),
                        .object([
                            "type": .string("tool_use"), "id": .string("toolu_01T1x1fJ34qAmk2tNTrN7Up7"), "name": .string("get_time"),
                            "input": .object([:]),
                        ]),
                    ]))
            #expect(message["usage"]?["input_tokens"] == .int(472))
            #expect(message["usage"]?["output_tokens"] == .int(89))

            let trace = try await harness.trace("req-messages")
            #expect(trace.tokensIn == 472 && trace.tokensOut == 89)
        }
    }

    /// A provider of kind `anthropic` gets the client's tool-use turns in Anthropic's shape (they go
    /// untranslated), and its answer comes back as it was sent.
    @Test func toolUseReachesAnAnthropicProviderInItsShape() async throws {
        try await GatewayHarness.withProviderKinds { harness, anthropic, _ in
            let reply = try await Self.messages(harness, Self.tools(stream: false))
            #expect(reply.status == 200)
            #expect(reply.headers["x-brokle-provider"] == "anthropic")
            #expect(try #require(reply.json) == (try AnthropicFixtures.json("anthropic-response-tools.json")))

            // What reached the provider: the same tools, tool_use and tool_result, in Anthropic's shape.
            let sent = try #require(anthropic.seen.withLock { $0.bodies.first })
            #expect(sent["model"] == .string("claude-sonnet-4-5-tools"))
            #expect(sent["max_tokens"] == .int(256))
            #expect(sent["tools"]?.elements.first?["name"] == .string("get_weather"))
            #expect(sent["tools"]?.elements.first?["input_schema"]?["required"] == .array([.string("city")]))
            // The tool result and the text after it may arrive as two user turns (OpenAI puts tool
            // results in messages of their own); Anthropic joins consecutive turns of one role.
            let turns = sent["messages"]?.elements ?? []
            #expect(turns.map { $0["role"] }.prefix(2) == [.string("user"), .string("assistant")])
            #expect(turns.dropFirst(2).allSatisfy { $0["role"] == .string("user") })
            let toolUse = turns.count > 1 ? turns[1]["content"]?.elements.first : nil
            #expect(toolUse?["type"] == .string("tool_use"))
            #expect(toolUse?["id"] == .string("toolu_earlier"))
            #expect(toolUse?["input"] == .object(["city": .string("Lyon")]))
            // Content as blocks (a plain string is one text block).
            let answer = turns.dropFirst(2).flatMap { turn -> [JSONValue] in
                if let text = turn["content"]?.stringValue { return [.object(["type": .string("text"), "text": .string(text)])] }
                return turn["content"]?.elements ?? []
            }
            #expect(answer.first?["type"] == .string("tool_result"), "the tool result comes first after the tool use")
            #expect(answer.first?["tool_use_id"] == .string("toolu_earlier"))
            #expect(answer.first?["content"] == .string("18°C") || answer.first?["content"]?.elements.first?["text"] == .string("18°C"))
            #expect(answer.dropFirst().map { $0["text"] } == [.string("And Paris?")])

            let trace = try await harness.trace("req-messages")
            #expect(trace.tokensIn == 472 && trace.tokensOut == 89)
        }
    }

    /// Through translation: OpenAI's chunks become Anthropic's events (an empty `input_json_delta`
    /// has no chunk to come from). The same answer passed through untranslated:
    /// ``GatewayAnthropicPassThroughTests/aToolUseStreamPassesThroughEventByEvent()``.
    @Test func aToolUseStreamComesBackAsAnthropicEvents() async throws {
        try await GatewayHarness.withProviderKinds { harness, _, _ in
            let reply = try await Self.messages(harness, Self.tools(stream: true, model: "claude-tools-via-openai"))
            #expect(reply.status == 200)
            #expect(reply.headers["content-type"] == "text/event-stream")
            let events = try AnthropicFixtures.namedEvents(reply.body)
            #expect(
                events.map(\.name) == [
                    "message_start",
                    "content_block_start", "content_block_delta", "content_block_stop",
                    "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                    "content_block_start", "content_block_delta", "content_block_stop",
                    "message_delta", "message_stop",
                ])
            #expect(events.allSatisfy { $0.data["type"] == .string($0.name) }, "each event's data names its event")
            #expect(events.first?.data["message"]?["model"] == .string("claude-tools-via-openai"))
            let starts = events.filter { $0.name == "content_block_start" }.map(\.data)
            #expect(starts.map { $0["content_block"]?["type"] } == [.string("text"), .string("tool_use"), .string("tool_use")])
            #expect(starts.map { $0["content_block"]?["name"] } == [nil, .string("get_weather"), .string("get_time")])
            func partialJSON(_ index: Int) -> String {
                events.filter { $0.name == "content_block_delta" && $0.data["index"] == .int(index) }
                    .compactMap { $0.data["delta"]?["partial_json"]?.stringValue }.joined()
            }
            #expect(try AnthropicFixtures.json(Array(partialJSON(1).utf8)) == .object(["city": .string("Paris")]))
            #expect(partialJSON(2) == "{}")
            let text = events.filter { $0.name == "content_block_delta" && $0.data["index"] == .int(0) }
            #expect(text.map { $0.data["delta"]?["text"] } == [.string("Checking.")])

            // anthropic-stream-tools.sse: 472 input, 30 cache writes, 89 out.
            let delta = try #require(events.first { $0.name == "message_delta" }?.data)
            #expect(delta["delta"]?["stop_reason"] == .string("tool_use"))
            #expect(delta["usage"]?["input_tokens"] == .int(472))
            #expect(delta["usage"]?["cache_creation_input_tokens"] == .int(30))
            #expect(delta["usage"]?["output_tokens"] == .int(89))

            let trace = try await harness.trace("req-messages")
            #expect(trace.status == "ok" && trace.stream)
            #expect(trace.tokensIn == 502 && trace.tokensCacheWrite == 30 && trace.tokensOut == 89)
        }
    }

    @Test func errorsComeBackInAnthropicShape() async throws {
        try await GatewayHarness.withProviderKinds { harness, _, _ in
            func expectError(_ reply: GatewayHarness.Reply, status: Int, type: String, sourceLocation: SourceLocation = #_sourceLocation) {
                #expect(reply.status == status, sourceLocation: sourceLocation)
                #expect(reply.json?["type"] == .string("error"), sourceLocation: sourceLocation)
                #expect(reply.json?["error"]?["type"] == .string(type), "\(reply.body)", sourceLocation: sourceLocation)
                #expect(reply.json?["error"]?["message"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
            }
            let noMaxTokens = try await Self.messages(harness, #"{"model":"mock-chat","messages":[{"role":"user","content":"hi"}]}"#)
            expectError(noMaxTokens, status: 400, type: "invalid_request_error")
            #expect(noMaxTokens.json?["error"]?["message"] == .string("'max_tokens' is required."))

            let unknown = try await Self.messages(
                harness, #"{"model":"no-such-model","max_tokens":8,"messages":[{"role":"user","content":"hi"}]}"#)
            expectError(unknown, status: 404, type: "not_found_error")
            #expect(unknown.json?["error"]?["message"]?.stringValue?.contains("no-such-model") == true)

            let badKey = try await Self.messages(
                harness, #"{"model":"mock-chat","max_tokens":8,"messages":[{"role":"user","content":"hi"}]}"#, key: "bk_not_a_real_key")
            expectError(badKey, status: 401, type: "authentication_error")

            let overloaded = try await Self.messages(
                harness, #"{"model":"claude-overloaded","max_tokens":8,"messages":[{"role":"user","content":"hi"}]}"#)
            expectError(overloaded, status: 529, type: "overloaded_error")
            #expect(overloaded.json?["error"]?["message"] == .string("Overloaded for key ***"))
            #expect(!overloaded.body.contains(FakeAnthropic.key))
        }
    }

    @Test func anUpstreamStreamBreakingOffEndsWithAnErrorEvent() async throws {
        try await GatewayHarness.withProviderKinds { harness, _, _ in
            let reply = try await Self.messages(
                harness, #"{"model":"claude-broken","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"hi"}]}"#)
            #expect(reply.status == 200, "the head went out before the upstream broke off")
            let events = try AnthropicFixtures.namedEvents(reply.body)
            #expect(events.first?.name == "message_start")
            #expect(events.last?.name == "error")
            #expect(events.last?.data["type"] == .string("error"))
            #expect(events.last?.data["error"]?["type"] == .string("api_error"))
            #expect(!events.contains { $0.name == "message_stop" })
            let trace = try await harness.trace("req-messages")
            #expect(trace.status == "error" && trace.stream && trace.provider == "anthropic")
        }
    }
}
