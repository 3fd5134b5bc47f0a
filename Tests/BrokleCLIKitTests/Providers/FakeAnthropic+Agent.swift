@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import Hummingbird

extension FakeAnthropic {
    /// One turn of an agent loop, as a model would play it: offered tools and no tool result yet,
    /// it calls the first tool with `{"city": <the last user text>}`; given a tool result, it
    /// answers in text quoting it. Whole or streamed, as the request asks.
    static func agentTurn(_ request: JSONValue) -> Response {
        let messages = request["messages"]?.elements ?? []
        let blocks = messages.last?["content"]?.elements ?? []
        let stream = request["stream"]?.boolValue == true
        if let result = blocks.first(where: { $0["type"]?.stringValue == "tool_result" }) {
            let content =
                result["content"]?.stringValue ?? result["content"]?.elements.compactMap { $0["text"]?.stringValue }.joined() ?? ""
            let text = "The weather tool said: \(content)"
            return stream ? Self.stream(AnthropicFixtures.pieces(textStream(text))) : Self.response(.ok, textMessage(text))
        }
        let tool = request["tools"]?.elements.first?["name"]?.stringValue ?? "none"
        let city =
            messages.last?["content"]?.stringValue
            ?? blocks.compactMap { $0["type"]?.stringValue == "text" ? $0["text"]?.stringValue : nil }.joined()
        let input = String(decoding: AnthropicWire.encode(JSONValue.object(["city": .string(city)])), as: UTF8.self)
        guard stream else {
            return Self.response(
                .ok,
                #"{"id":"msg_agent","type":"message","role":"assistant","model":"claude-agent","content":[{"type":"tool_use","id":"toolu_agent_1","name":"\#(tool)","input":\#(input)}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":40,"output_tokens":12}}"#
            )
        }
        let events = [
            (
                "message_start",
                #"{"type":"message_start","message":{"id":"msg_agent","type":"message","role":"assistant","model":"claude-agent","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":40,"output_tokens":1}}}"#
            ),
            (
                "content_block_start",
                #"{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_agent_1","name":"\#(tool)","input":{}}}"#
            ),
            (
                "content_block_delta",
                #"{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":\#(String(decoding: AnthropicWire.encode(JSONValue.string(input)), as: UTF8.self))}}"#
            ),
            ("content_block_stop", #"{"type":"content_block_stop","index":0}"#),
            (
                "message_delta",
                #"{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":12}}"#
            ),
            ("message_stop", #"{"type":"message_stop"}"#),
        ]
        return Self.stream(AnthropicFixtures.pieces(events.map { "event: \($0.0)\ndata: \($0.1)\n\n" }.joined()))
    }

    private static func textMessage(_ text: String) -> String {
        let encoded = String(decoding: AnthropicWire.encode(JSONValue.string(text)), as: UTF8.self)
        return
            #"{"id":"msg_agent_text","type":"message","role":"assistant","model":"claude-agent","content":[{"type":"text","text":\#(encoded)}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":60,"output_tokens":9}}"#
    }

    private static func textStream(_ text: String) -> String {
        let encoded = String(decoding: AnthropicWire.encode(JSONValue.string(text)), as: UTF8.self)
        return [
            (
                "message_start",
                #"{"type":"message_start","message":{"id":"msg_agent_text","type":"message","role":"assistant","model":"claude-agent","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":60,"output_tokens":1}}}"#
            ),
            ("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#),
            ("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":\#(encoded)}}"#),
            ("content_block_stop", #"{"type":"content_block_stop","index":0}"#),
            (
                "message_delta",
                #"{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":9}}"#
            ),
            ("message_stop", #"{"type":"message_stop"}"#),
        ].map { "event: \($0.0)\ndata: \($0.1)\n\n" }.joined()
    }
}
