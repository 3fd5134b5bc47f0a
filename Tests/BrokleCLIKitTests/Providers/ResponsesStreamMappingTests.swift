@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import NIOCore
import Testing

/// Responses event streams (shaped as OpenAI documents them) as chat chunk streams.
@Suite struct ResponsesStreamMappingTests {
    static func sse(_ events: [String]) -> String {
        events.map { event in
            let type = (try? AnthropicFixtures.json(Array(event.utf8)))?["type"]?.stringValue ?? ""
            return "event: \(type)\ndata: \(event)\n\n"
        }.joined()
    }

    /// The transcript through the chunk sequence in 7-byte pieces; the chat payloads it yields and
    /// the error it ended with, if any.
    static func translate(_ transcript: String, includeUsage: Bool = true) async -> (payloads: [JSONValue], error: GatewayError?) {
        let mapping = ResponsesStreamMapping(fallbackID: "chatcmpl-req", model: "o3-pro", created: 1, includeUsage: includeUsage)
        let sequence = TranslatedStream(upstream: ByteChunks(chunks: AnthropicFixtures.pieces(transcript)), translator: mapping)
        var parser = SSEParser()
        var payloads: [String] = []
        do {
            for try await buffer in sequence { payloads += try parser.feed(buffer) }
        } catch {
            return ((try? AnthropicFixtures.payloads(payloads)) ?? [], error as? GatewayError)
        }
        return ((try? AnthropicFixtures.payloads(payloads)) ?? [], nil)
    }

    static let created =
        #"{"type":"response.created","sequence_number":0,"response":{"id":"resp_67c9fdcecf488190bdd9a0409de3a1ec07b8b0ad4e5eb654","object":"response","created_at":1741290958,"status":"in_progress","model":"gpt-4.1-2025-04-14","output":[]}}"#
    static let usage =
        #""usage":{"input_tokens":37,"input_tokens_details":{"cached_tokens":3},"output_tokens":11,"output_tokens_details":{"reasoning_tokens":2},"total_tokens":48}"#

    static func chunk(_ delta: JSONValue, finish: String? = nil) -> JSONValue {
        .object([
            "id": .string("resp_67c9fdcecf488190bdd9a0409de3a1ec07b8b0ad4e5eb654"), "object": .string("chat.completion.chunk"),
            "created": .int(1_741_290_958), "model": .string("gpt-4.1-2025-04-14"),
            "choices": .array([
                .object(["index": .int(0), "delta": delta, "logprobs": .null, "finish_reason": finish.map(JSONValue.string) ?? .null])
            ]),
        ])
    }

    static let usageChunk: JSONValue = .object([
        "id": .string("resp_67c9fdcecf488190bdd9a0409de3a1ec07b8b0ad4e5eb654"), "object": .string("chat.completion.chunk"),
        "created": .int(1_741_290_958), "model": .string("gpt-4.1-2025-04-14"), "choices": .array([]),
        "usage": .object([
            "prompt_tokens": .int(37), "completion_tokens": .int(11), "total_tokens": .int(48),
            "prompt_tokens_details": .object(["cached_tokens": .int(3)]),
            "completion_tokens_details": .object(["reasoning_tokens": .int(2)]),
        ]),
    ])

    static let text = sse([
        created,
        #"{"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_67c9fdcecf488190bdd9a0409de3a1ec07b8b0ad4e5eb654","status":"in_progress"}}"#,
        #"{"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"id":"msg_1","type":"message","status":"in_progress","role":"assistant","content":[]}}"#,
        #"{"type":"response.content_part.added","sequence_number":3,"item_id":"msg_1","output_index":0,"content_index":0,"part":{"type":"output_text","text":"","annotations":[]}}"#,
        #"{"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi"}"#,
        #"{"type":"response.output_text.delta","sequence_number":5,"item_id":"msg_1","output_index":0,"content_index":0,"delta":" thére"}"#,
        #"{"type":"response.output_text.done","sequence_number":6,"item_id":"msg_1","output_index":0,"content_index":0,"text":"Hi thére"}"#,
        #"{"type":"response.completed","sequence_number":7,"response":{"id":"resp_67c9fdcecf488190bdd9a0409de3a1ec07b8b0ad4e5eb654","object":"response","created_at":1741290958,"status":"completed","model":"gpt-4.1-2025-04-14","output":[],\#(usage)}}"#,
    ])

    @Test func textBecomesContentDeltasThenFinishUsageAndDone() async {
        let (payloads, error) = await Self.translate(Self.text)
        #expect(error == nil)
        #expect(
            payloads == [
                Self.chunk(.object(["role": .string("assistant"), "content": .string("")])),
                Self.chunk(.object(["content": .string("Hi")])), Self.chunk(.object(["content": .string(" thére")])),
                Self.chunk(.object([:]), finish: "stop"), Self.usageChunk, .string("[DONE]"),
            ])
        let plain = await Self.translate(Self.text, includeUsage: false)
        #expect(plain.payloads == payloads.filter { $0 != Self.usageChunk })
    }

    @Test func aFunctionCallBecomesToolCallDeltas() async {
        let transcript = Self.sse([
            Self.created,
            #"{"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"type":"function_call","id":"fc_1","call_id":"call_abc","name":"get_weather","arguments":"","status":"in_progress"}}"#,
            #"{"type":"response.function_call_arguments.delta","sequence_number":2,"item_id":"fc_1","output_index":0,"delta":"{\"location\":"}"#,
            #"{"type":"response.function_call_arguments.delta","sequence_number":3,"item_id":"fc_1","output_index":0,"delta":"\"Paris\"}"}"#,
            #"{"type":"response.function_call_arguments.done","sequence_number":4,"item_id":"fc_1","output_index":0,"arguments":"{\"location\":\"Paris\"}"}"#,
            #"{"type":"response.output_item.added","sequence_number":5,"output_index":1,"item":{"type":"function_call","id":"fc_2","call_id":"call_def","name":"get_time","arguments":"","status":"in_progress"}}"#,
            #"{"type":"response.function_call_arguments.done","sequence_number":6,"item_id":"fc_2","output_index":1,"arguments":"{}"}"#,
            #"{"type":"response.completed","sequence_number":7,"response":{"id":"resp_67c9fdcecf488190bdd9a0409de3a1ec07b8b0ad4e5eb654","created_at":1741290958,"status":"completed","model":"gpt-4.1-2025-04-14",\#(Self.usage)}}"#,
        ])
        func call(_ fields: [String: JSONValue]) -> JSONValue { Self.chunk(.object(["tool_calls": .array([.object(fields)])])) }
        func opened(_ index: Int, _ id: String, _ name: String) -> JSONValue {
            call([
                "index": .int(index), "id": .string(id), "type": .string("function"),
                "function": .object(["name": .string(name), "arguments": .string("")]),
            ])
        }
        func arguments(_ index: Int, _ text: String) -> JSONValue {
            call(["index": .int(index), "function": .object(["arguments": .string(text)])])
        }
        let (payloads, error) = await Self.translate(transcript)
        #expect(error == nil)
        #expect(
            payloads == [
                Self.chunk(.object(["role": .string("assistant"), "content": .string("")])),
                opened(0, "call_abc", "get_weather"), arguments(0, #"{"location":"#), arguments(0, #""Paris"}"#),
                opened(1, "call_def", "get_time"), arguments(1, "{}"),
                Self.chunk(.object([:]), finish: "tool_calls"), Self.usageChunk, .string("[DONE]"),
            ])
    }

    @Test func anIncompleteResponseEndsWithLength() async {
        let transcript = Self.sse([
            Self.created,
            #"{"type":"response.output_text.delta","output_index":0,"content_index":0,"delta":"Once"}"#,
            #"{"type":"response.incomplete","response":{"id":"resp_67c9fdcecf488190bdd9a0409de3a1ec07b8b0ad4e5eb654","status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},\#(Self.usage)}}"#,
        ])
        let (payloads, error) = await Self.translate(transcript)
        #expect(error == nil && payloads.count == 5)
        #expect(payloads.dropFirst(2).first == Self.chunk(.object([:]), finish: "length"))
    }

    @Test func failuresAreReportedInBandAfterWhatCameBefore() async {
        let failed = Self.sse([
            Self.created,
            #"{"type":"response.output_text.delta","output_index":0,"content_index":0,"delta":"Hi"}"#,
            #"{"type":"response.failed","response":{"id":"r","status":"failed","error":{"code":"server_error","message":"The model crashed."}}}"#,
        ])
        let (payloads, error) = await Self.translate(failed)
        #expect(payloads.count == 2)
        #expect(error?.code == "server_error" && error?.message.contains("The model crashed.") == true)
        let errorEvent = await Self.translate(
            Self.sse([#"{"type":"error","code":"ERR_SOMETHING","message":"Something went wrong","param":null,"sequence_number":1}"#]))
        #expect(errorEvent.payloads.isEmpty && errorEvent.error?.code == "ERR_SOMETHING")
        let cut = await Self.translate(Self.sse([Self.created]))
        #expect(cut.payloads.count == 1 && cut.error?.message.contains("ended before") == true)
        let garbage = await Self.translate("data: {nope\n\n")
        #expect(garbage.error != nil)
    }
}
