@testable import BrokleCore
@testable import BrokleGateway
@testable import BrokleProviders
import Foundation
import NIOCore
import Testing

/// Streams read in place: escapes and pieces cut anywhere, tool call arguments, the cap, a final
/// event larger than the cap, and the answer written as the decoding assembler wrote it.
@Suite struct StreamAssemblerReadingTests {
    /// The assembler after `sse` was fed in pieces of `cut` bytes.
    static func fed(_ format: WireFormat, _ sse: String, cut: Int, maximumBytes: Int = 32_768) -> StreamAssembler {
        let assembler = StreamAssembler(format: format, maximumBytes: maximumBytes)
        let bytes = Array(sse.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + cut)
            assembler.feed(ByteBuffer(bytes: bytes[start..<end]))
            start = end
        }
        return assembler
    }

    static func chunk(_ delta: String, finish: String = "null") -> String {
        #"{"id":"c9","object":"chat.completion.chunk","created":7,"model":"m","choices":[{"index":0,"delta":\#(delta),"finish_reason":\#(finish)}]}"#
    }

    static let escapedPieces = [
        #"Line one\nline \"two\""#, #" caf\u00e9 \ud83d\ude00"#, #" tab\t back\\slash a\/b"#, #" bell\u0007 raw é漢"#,
    ]
    static let escapedText = "Line one\nline \"two\" café 😀 tab\t back\\slash a/b bell\u{07} raw é漢"

    @Test(arguments: [1, 2, 5, 13, 4096])
    func escapedTextCutAnywhereIsTheTextAndTheJSONSerializationBytes(cut: Int) throws {
        let events =
            [Self.chunk(#"{"role":"assistant","content":""}"#)] + Self.escapedPieces.map { Self.chunk(#"{"content":"\#($0)"}"#) }
            + [
                Self.chunk("{}", finish: #""stop""#),
                #"{"id":"c9","object":"chat.completion.chunk","created":7,"model":"m","choices":[],"usage":{"completion_tokens":4,"prompt_tokens":3,"total_tokens":7}}"#,
                "[DONE]",
            ]
        let (body, dropped) = Self.fed(.openAIChat, StreamAssemblerTests.sse(events), cut: cut).finish()
        #expect(dropped == 0)
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        let choice = try #require((answer["choices"] as? [[String: Any]])?.first)
        #expect((choice["message"] as? [String: Any])?["content"] as? String == Self.escapedText)
        // What the decoding assembler wrote: the same value through JSONSerialization, keys sorted.
        let written = try JSONSerialization.data(withJSONObject: answer, options: [.sortedKeys, .withoutEscapingSlashes])
        #expect(body == Array(written), "\(String(decoding: body, as: UTF8.self))")
    }

    @Test func toolCallArgumentsJoinPerCallInEveryChoice() throws {
        let call = { (choice: Int, calls: String) in
            #"{"id":"c","object":"chat.completion.chunk","choices":[{"index":\#(choice),"delta":{"tool_calls":\#(calls)},"finish_reason":null}]}"#
        }
        let sse = StreamAssemblerTests.sse([
            call(
                0,
                #"[{"index":0,"id":"a","type":"function","function":{"name":"weather","arguments":""}},{"index":1,"id":"b","type":"function","function":{"name":"time","arguments":"{\"tz\":"}}]"#
            ),
            call(1, #"[{"index":0,"id":"z","function":{"name":"other","arguments":"{}"}}]"#),
            call(0, #"[{"index":0,"function":{"arguments":"{\"city\":\"Par"}}]"#),
            call(0, #"[{"index":1,"function":{"arguments":"\"UTC\"}"}}]"#),
            call(0, #"[{"index":0,"function":{"arguments":"\u00eds\\n\"}"}}]"#),
            "[DONE]",
        ])
        let (answer, dropped) = StreamAssemblerTests.assemble(.openAIChat, sse, cut: 3)
        #expect(dropped == 0)
        let choices = answer?["choices"]?.elements ?? []
        #expect(choices.map { $0["index"] } == [.int(0), .int(1)])
        let calls = choices.first?["message"]?["tool_calls"]?.elements ?? []
        #expect(calls.map { $0["id"] } == [.string("a"), .string("b")])
        #expect(calls.first?["function"]?["arguments"] == .string(#"{"city":"París\n"}"#))
        #expect(calls.last?["function"]?["arguments"] == .string(#"{"tz":"UTC"}"#) && calls.last?["function"]?["name"] == .string("time"))
        let other = choices.last?["message"]?["tool_calls"]?.elements.first
        #expect(other?["function"]?["arguments"] == .string("{}") && other?["type"] == .string("function"))
        #expect(choices.last?["message"]?["content"] == .null)
    }

    @Test func theCapCutsBetweenPiecesCountingDecodedBytes() throws {
        // Each piece decodes to 10 bytes ("é" is two) but is written in 15 ("\u00e9" is six).
        let piece = #"ab\u00e9cdefg\n"#
        let events = (0..<10).map { _ in Self.chunk(#"{"content":"\#(piece)"}"#) }
        let assembler = Self.fed(.openAIChat, StreamAssemblerTests.sse(events), cut: 7, maximumBytes: 35)
        let (body, dropped) = assembler.finish()
        let answer = try JSONDecoder().decode(JSONValue.self, from: Data(body))
        let text = answer["choices"]?.elements.first?["message"]?["content"]?.stringValue
        #expect(text == String(repeating: "abécdefg\n", count: 3), "whole pieces up to the cap")
        #expect(dropped == 70)
        let content = CapturedContent(
            mode: .full, maximumBytes: 35, format: .openAIChat, request: ByteBuffer(), response: nil)
        var captured = content
        captured.answered((body, dropped))
        let stored = captured.traceContent
        #expect((stored.responseBytes ?? 0) > (stored.response?.utf8.count ?? 0), "marked as cut")
    }

    @Test func aLargeFinalResponseIsKeptOnlyToTheCap() throws {
        let cap = 10_000
        let text = String(repeating: "turtle é ", count: 100_000)
        let created =
            #"{"type":"response.created","sequence_number":0,"response":{"id":"resp_big","object":"response","status":"in_progress","instructions":"\#(String(repeating: "x", count: 50_000))","output":[]}}"#
        let delta = #"{"type":"response.output_text.delta","sequence_number":1,"delta":"\#(text)"}"#
        let response =
            #"{"id":"resp_big","object":"response","status":"completed","output":[{"type":"message","role":"assistant","content":[{"type":"output_text","text":"\#(text)"}]}]}"#
        let completed = #"{"type":"response.completed","sequence_number":2,"response":\#(response)}"#
        let assembler = StreamAssembler(format: .openAIResponses, maximumBytes: cap)
        var retained: [Int] = []
        for event in [created, delta, completed] {
            assembler.feed(ByteBuffer(string: "event: x\ndata: \(event)\n\n"))
            retained.append(assembler.retainedBytes)
        }
        #expect(retained.allSatisfy { $0 <= cap + 64 }, "\(retained)")
        let (body, dropped) = assembler.finish()
        #expect(body.count <= cap && body.count + dropped == response.utf8.count)
        #expect(Array(response.utf8).starts(with: body))

        // Cut before the last event: the head's members that fit, and the deltas' text up to the cap.
        let cut = StreamAssembler(format: .openAIResponses, maximumBytes: cap)
        cut.feed(ByteBuffer(string: "data: \(created)\n\ndata: \(Self.small)\n\n"))
        let answer = try JSONDecoder().decode(JSONValue.self, from: Data(cut.finish().body))
        #expect(answer["id"] == .string("resp_big") && answer["status"] == .string("incomplete") && answer["instructions"] == nil)
        #expect(answer["output"]?.elements.first?["content"]?.elements.first?["text"] == .string("Hi \"there\""))
    }

    static let small = #"{"type":"response.output_text.delta","sequence_number":1,"delta":"Hi \"there\""}"#

    @Test func anthropicThinkingToolInputAndUsageAreAssembled() throws {
        let sse = StreamAssemblerTests.sse(
            [
                #"{"type":"message_start","message":{"id":"msg_2","type":"message","role":"assistant","model":"claude","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":9,"cache_read_input_tokens":2,"output_tokens":1}}}"#,
                #"{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}"#,
                #"{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Hmm\u2026 \"maybe\""}}"#,
                #"{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"c2ln"}}"#,
                #"{"type": "content_block_start", "index": 1, "content_block": {"type": "tool_use", "id": "tu_2", "name": "look", "input": {}}}"#,
                #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"q\": \"a\\\"b\","}}"#,
                #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":" \"n\": [1, 2]}"}}"#,
                #"{"type":"ping"}"#,
                #"{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":30,"cache_read_input_tokens":null,"server_tool_use":{"web_search_requests":1}}}"#,
                #"{"type":"message_stop"}"#,
            ], named: true)
        let (answer, dropped) = StreamAssemblerTests.assemble(.anthropicMessages, sse, cut: 4)
        #expect(dropped == 0)
        let blocks = answer?["content"]?.elements ?? []
        #expect(blocks.first?["thinking"] == .string("Hmm… \"maybe\"") && blocks.first?["signature"] == .string("c2ln"))
        #expect(blocks.last?["input"] == .object(["q": .string(#"a"b"#), "n": .array([.int(1), .int(2)])]))
        #expect(answer?["stop_reason"] == .string("tool_use") && answer?["stop_sequence"] == .null)
        #expect(
            answer?["usage"]
                == .object([
                    "input_tokens": .int(9), "cache_read_input_tokens": .int(2), "output_tokens": .int(30),
                    "server_tool_use": .object(["web_search_requests": .int(1)]),
                ]))
    }

    @Test func anInBandErrorOfEachFormatIsKept() {
        let anthropic = StreamAssemblerTests.sse([
            #"{"type":"message_start","message":{"id":"msg_3","type":"message","role":"assistant","content":[]}}"#,
            #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#,
        ])
        let (message, _) = StreamAssemblerTests.assemble(.anthropicMessages, anthropic)
        #expect(message?["error"]?["type"] == .string("overloaded_error") && message?["id"] == .string("msg_3"))
        let responses = StreamAssemblerTests.sse([Self.small, #"{"error":{"code":"server_error","message":"broke"}}"#])
        let (response, _) = StreamAssemblerTests.assemble(.openAIResponses, responses)
        #expect(response?["error"]?["code"] == .string("server_error") && response?["status"] == .string("incomplete"))
    }

    @Test func aMalformedEventIsPassedOver() {
        let sse = StreamAssemblerTests.sse([
            Self.chunk(#"{"content":"kept"}"#), #"{"choices":[{"index":0,"delta":{"content":"lost"}}]"#,
            Self.chunk(#"{"content":"bad \x escape"}"#), Self.chunk(#"{"content":" too"}"#),
        ])
        let (answer, _) = StreamAssemblerTests.assemble(.openAIChat, sse)
        #expect(answer?["choices"]?.elements.first?["message"]?["content"] == .string("kept too"))
    }
}
