@testable import BrokleCore
import Foundation
import Testing

/// An agent loop against the built-in mock through the gateway's Anthropic endpoint: the request
/// is translated to chat, the mock calls the tool, the call comes back as a `tool_use` block, and
/// the follow-up carrying the `tool_result` gets text citing it.
@Suite struct GatewayMockToolCallTests {
    static let tools = #"""
        [{"name":"get_weather","description":"Weather for a city","input_schema":{"type":"object",
          "properties":{"city":{"type":"string"},"days":{"type":"integer"}},"required":["city","days"]}}]
        """#

    static func request(_ messages: String, stream: Bool = false) -> String {
        #"{"model":"mock-chat","max_tokens":256\#(stream ? #","stream":true"# : ""),"tools":\#(tools),"messages":\#(messages)}"#
    }

    static let question = #"{"role":"user","content":"Weather in Paris for 2 days?"}"#

    @Test func aToolUseThenItsResultThroughTheMessagesEndpoint() async throws {
        try await GatewayHarness.run { harness in
            let first = try await GatewayMessagesEndpointTests.messages(harness, Self.request("[\(Self.question)]"), id: "req-call")
            #expect(first.status == 200, "\(first.body)")
            #expect(first.headers["x-brokle-provider"] == "mock")
            let message = try #require(first.json)
            #expect(message["stop_reason"] == .string("tool_use"))
            let blocks = message["content"]?.elements ?? []
            #expect(blocks.count == 1)
            let toolUse = try #require(blocks.first)
            #expect(toolUse["type"] == .string("tool_use"))
            #expect(toolUse["name"] == .string("get_weather"))
            #expect(toolUse["input"] == .object(["city": .string("Weather in Paris for 2 days?"), "days": .int(2)]))
            let id = try #require(toolUse["id"]?.stringValue)
            #expect(id.hasPrefix("call_"))
            #expect((message["usage"]?["output_tokens"]?.intValue ?? 0) > 0)

            let followUp = Self.request(
                #"""
                [\#(Self.question),
                 {"role":"assistant","content":[{"type":"tool_use","id":"\#(id)","name":"get_weather","input":{"city":"Paris","days":2}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"\#(id)","content":"18°C, sunny"}]}]
                """#)
            let second = try await GatewayMessagesEndpointTests.messages(harness, followUp, id: "req-result")
            #expect(second.status == 200, "\(second.body)")
            let answer = try #require(second.json)
            #expect(answer["stop_reason"] == .string("end_turn"))
            #expect(answer["content"] == .array([.object(["type": .string("text"), "text": .string("The tool returned: 18°C, sunny")])]))
            #expect(answer["usage"]?["output_tokens"] == .int(5))
        }
    }

    @Test func aStreamedToolUseComesAsAnthropicEvents() async throws {
        try await GatewayHarness.run { harness in
            let reply = try await GatewayMessagesEndpointTests.messages(harness, Self.request("[\(Self.question)]", stream: true))
            #expect(reply.status == 200, "\(reply.body)")
            let events = try AnthropicFixtures.namedEvents(reply.body)
            #expect(events.first?.name == "message_start" && events.last?.name == "message_stop")
            let starts = events.filter { $0.name == "content_block_start" }.map(\.data)
            #expect(starts.map { $0["content_block"]?["type"] } == [.string("tool_use")])
            #expect(starts.first?["content_block"]?["name"] == .string("get_weather"))
            #expect(starts.first?["content_block"]?["id"]?.stringValue?.hasPrefix("call_") == true)
            let fragments = events.filter { $0.name == "content_block_delta" }.compactMap { $0.data["delta"]?["partial_json"]?.stringValue }
            #expect(fragments.count > 1)
            #expect(
                try AnthropicFixtures.json(Array(fragments.joined().utf8))
                    == .object(["city": .string("Weather in Paris for 2 days?"), "days": .int(2)]))
            let delta = try #require(events.first { $0.name == "message_delta" }?.data)
            #expect(delta["delta"]?["stop_reason"] == .string("tool_use"))
            #expect(delta["usage"]?["output_tokens"] == .int(fragments.count))
        }
    }
}
