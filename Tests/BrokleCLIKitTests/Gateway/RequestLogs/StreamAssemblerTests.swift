@testable import BrokleCore
@testable import BrokleGateway
@testable import BrokleProviders
import Foundation
import NIOCore
import Testing

/// Streams assembled into one answer per wire format, however the client's bytes were cut.
@Suite struct StreamAssemblerTests {
    static func assemble(_ format: WireFormat, _ sse: String, cut: Int = 7, maximumBytes: Int = 32_768) -> (JSONValue?, Int) {
        var assembler = StreamAssembler(format: format, maximumBytes: maximumBytes)
        let bytes = Array(sse.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + cut)
            assembler.feed(ByteBuffer(bytes: bytes[start..<end]))
            start = end
        }
        let (body, dropped) = assembler.finish()
        return (try? JSONDecoder().decode(JSONValue.self, from: Data(body)), dropped)
    }

    static func sse(_ events: [String], named: Bool = false) -> String {
        events.map { event in
            guard named, let type = event.split(separator: "\"type\":\"").dropFirst().first?.split(separator: "\"").first else {
                return "data: \(event)\n\n"
            }
            return "event: \(type)\ndata: \(event)\n\n"
        }.joined()
    }

    @Test(arguments: [1, 3, 7, 1000])
    func openAIChunksBecomeAChatCompletionWithToolCalls(cut: Int) {
        let sse = Self.sse([
            #"{"id":"c1","object":"chat.completion.chunk","created":5,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Let "},"finish_reason":null}]}"#,
            #"{"id":"c1","object":"chat.completion.chunk","created":5,"model":"m","choices":[{"index":0,"delta":{"content":"me check."},"finish_reason":null}]}"#,
            #"{"id":"c1","object":"chat.completion.chunk","created":5,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\"ci"}}]},"finish_reason":null}]}"#,
            #"{"id":"c1","object":"chat.completion.chunk","created":5,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"ty\":\"Paris\"}"}}]},"finish_reason":"tool_calls"}]}"#,
            #"{"id":"c1","object":"chat.completion.chunk","created":5,"model":"m","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}"#,
            "[DONE]",
        ])
        let (answer, dropped) = Self.assemble(.openAIChat, sse, cut: cut)
        #expect(dropped == 0)
        #expect(answer?["object"] == .string("chat.completion") && answer?["id"] == .string("c1") && answer?["model"] == .string("m"))
        let choice = answer?["choices"]?.elements.first
        #expect(choice?["message"]?["content"] == .string("Let me check."))
        #expect(choice?["finish_reason"] == .string("tool_calls"))
        let call = choice?["message"]?["tool_calls"]?.elements.first
        #expect(call?["id"] == .string("call_1") && call?["function"]?["name"] == .string("weather"))
        #expect(call?["function"]?["arguments"] == .string(#"{"city":"Paris"}"#))
        #expect(answer?["usage"]?["total_tokens"] == .int(7))
    }

    @Test func anthropicEventsBecomeAMessageWithItsBlocks() {
        let sse = Self.sse(
            [
                #"{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude","content":[],"stop_reason":null,"usage":{"input_tokens":9,"output_tokens":1}}}"#,
                #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#,
                #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Checking"}}"#,
                #"{"type":"content_block_stop","index":0}"#,
                #"{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"tu_1","name":"weather","input":{}}}"#,
                #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"city\":"}}"#,
                #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\"Paris\"}"}}"#,
                #"{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":12}}"#,
                #"{"type":"message_stop"}"#,
            ], named: true)
        let (answer, _) = Self.assemble(.anthropicMessages, sse, cut: 5)
        #expect(answer?["id"] == .string("msg_1") && answer?["stop_reason"] == .string("tool_use"))
        let blocks = answer?["content"]?.elements ?? []
        #expect(blocks.count == 2 && blocks.first?["text"] == .string("Checking"))
        #expect(blocks.last?["input"] == .object(["city": .string("Paris")]) && blocks.last?["name"] == .string("weather"))
        #expect(answer?["usage"]?["input_tokens"] == .int(9) && answer?["usage"]?["output_tokens"] == .int(12))
    }

    @Test func aResponsesStreamIsItsCompletedResponseOrItsDeltas() {
        let created =
            #"{"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","status":"in_progress","output":[]}}"#
        let delta = #"{"type":"response.output_text.delta","sequence_number":1,"delta":"Hi there"}"#
        let completed =
            #"{"type":"response.completed","sequence_number":2,"response":{"id":"resp_1","object":"response","status":"completed","output":[{"type":"message","role":"assistant","content":[{"type":"output_text","text":"Hi there"}]}]}}"#
        let (whole, _) = Self.assemble(.openAIResponses, Self.sse([created, delta, completed], named: true))
        #expect(whole?["status"] == .string("completed") && whole?["id"] == .string("resp_1"))
        let spaced = completed.replacingOccurrences(of: "\":\"", with: "\": \"")
        let (decoded, _) = Self.assemble(.openAIResponses, Self.sse([created, delta, spaced], named: true))
        #expect(decoded?["status"] == .string("completed"), "written with spaces, decoded")
        let (cut, _) = Self.assemble(.openAIResponses, Self.sse([created, delta], named: true))
        #expect(cut?["status"] == .string("incomplete") && cut?["id"] == .string("resp_1"))
        #expect(cut?["output"]?.elements.first?["content"]?.elements.first?["text"] == .string("Hi there"))
    }

    @Test func pastTheCapTextIsCountedNotCopied() {
        let chunks = (0..<50).map { _ in
            #"{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"0123456789"},"finish_reason":null}]}"#
        }
        let (answer, dropped) = Self.assemble(.openAIChat, Self.sse(chunks), maximumBytes: 100)
        let text = answer?["choices"]?.elements.first?["message"]?["content"]?.stringValue ?? ""
        #expect(text.utf8.count == 100 && dropped == 400)
    }

    @Test func anInBandErrorIsKept() {
        let sse = Self.sse([
            #"{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hal"},"finish_reason":null}]}"#,
            #"{"error":{"message":"The upstream broke off.","type":"server_error"}}"#,
        ])
        let (answer, _) = Self.assemble(.openAIChat, sse)
        #expect(answer?["error"]?["type"] == .string("server_error"))
        #expect(answer?["choices"]?.elements.first?["message"]?["content"] == .string("Hal"))
    }
}
