@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import Testing

/// Chat completions as the Responses `response` objects a Responses client reads.
@Suite struct ResponsesInboundAnswerTests {
    static let request = #"""
        {"model":"gpt-4.1","input":"Tell me a three sentence bedtime story about a unicorn.","instructions":"Be kind.",
         "temperature":0.7,"max_output_tokens":500,"store":false,"metadata":{"session":"s1"},"user":"u-1",
         "tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"}}],"tool_choice":"auto",
         "reasoning":{"effort":"medium"},"text":{"format":{"type":"json_object"}},"previous_response_id":"resp_prev"}
        """#

    static let textCompletion = #"""
        {"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion","created":1741570283,"model":"gpt-4.1-2025-04-14",
         "choices":[{"index":0,"message":{"role":"assistant","content":"In a peaceful grove beneath a silver moon...",
           "refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],
         "usage":{"prompt_tokens":36,"completion_tokens":87,"total_tokens":123,
           "prompt_tokens_details":{"cached_tokens":12,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":5}},
         "service_tier":"default","system_fingerprint":"fp_fc9f1d7035"}
        """#

    @Test func aTextAnswerBecomesACompletedResponseEchoingItsRequest() throws {
        let response = try ResponsesFixtures.response(Self.textCompletion, context: ResponsesFixtures.context(Self.request))
        #expect(
            response
                == .object([
                    "id": .string("resp_67ccd2bed1ec8190"), "object": .string("response"), "created_at": .int(1_741_476_542),
                    "status": .string("completed"), "error": .null, "incomplete_details": .null, "instructions": .string("Be kind."),
                    "max_output_tokens": .int(500), "model": .string("gpt-4.1"),
                    "output": .array([
                        .object([
                            "type": .string("message"), "id": .string("msg_67ccd2bed1ec8190_0"), "status": .string("completed"),
                            "role": .string("assistant"),
                            "content": .array([
                                .object([
                                    "type": .string("output_text"), "text": .string("In a peaceful grove beneath a silver moon..."),
                                    "annotations": .array([]), "logprobs": .array([]),
                                ])
                            ]),
                        ])
                    ]),
                    "parallel_tool_calls": .bool(true), "previous_response_id": .string("resp_prev"),
                    "reasoning": .object(["effort": .string("medium"), "summary": .null]), "store": .bool(false),
                    "temperature": .double(0.7), "text": .object(["format": .object(["type": .string("json_object")])]),
                    "tool_choice": .string("auto"),
                    "tools": .array([
                        .object([
                            "type": .string("function"), "name": .string("get_weather"), "parameters": .object(["type": .string("object")]),
                        ])
                    ]),
                    "top_p": .int(1), "truncation": .string("disabled"),
                    "usage": .object([
                        "input_tokens": .int(36),
                        "input_tokens_details": .object(["cached_tokens": .int(12), "cache_write_tokens": .int(0)]),
                        "output_tokens": .int(87),
                        "output_tokens_details": .object(["reasoning_tokens": .int(5)]), "total_tokens": .int(123),
                    ]),
                    "user": .string("u-1"), "metadata": .object(["session": .string("s1")]),
                ]))
    }

    @Test func aMinimalOrOddRequestEchoesTheDefaults() throws {
        let context = ResponsesFixtures.context(#"{"model":"m","input":"x","temperature":"hot","tools":"all","truncation":7}"#)
        let response = try ResponsesFixtures.response(
            #"{"choices":[{"message":{"content":"ok"},"finish_reason":"stop"}]}"#, context: context)
        #expect(response["temperature"]?.doubleValue == 1 && response["top_p"]?.doubleValue == 1)
        #expect(response["tools"] == .array([]) && response["tool_choice"] == .string("auto"))
        #expect(response["truncation"] == .string("disabled") && response["store"] == .bool(true))
        #expect(response["text"] == .object(["format": .object(["type": .string("text")])]))
        #expect(response["metadata"] == .object([:]) && response["instructions"] == .null && response["user"] == .null)
        #expect(
            response["usage"]?["input_tokens"] == .int(0) && response["usage"]?["total_tokens"] == .int(0), "no usage reported: zeros")
    }

    @Test func toolCallsBecomeFunctionCallItemsAfterTheText() throws {
        let response = try ResponsesFixtures.response(
            #"""
            {"id":"chatcmpl-1","choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":"Checking.",
              "tool_calls":[{"id":"call_12345xyz","type":"function","function":{"name":"get_weather","arguments":"{\"location\":\"Paris, France\"}"}},
                            {"id":"call_67890abc","type":"function","function":{"name":"get_weather","arguments":"{\"location\":\"Bogotá\"}"}}]}}],
             "usage":{"prompt_tokens":80,"completion_tokens":40}}
            """#)
        #expect(response["status"] == .string("completed"))
        guard case .array(let output)? = response["output"] else { Issue.record("no output"); return }
        #expect(output.map { $0["type"] } == [.string("message"), .string("function_call"), .string("function_call")])
        #expect(
            output[1]
                == .object([
                    "type": .string("function_call"), "id": .string("fc_67ccd2bed1ec8190_1"), "call_id": .string("call_12345xyz"),
                    "name": .string("get_weather"), "arguments": .string(#"{"location":"Paris, France"}"#), "status": .string("completed"),
                ]))
        #expect(output[2]["id"] == .string("fc_67ccd2bed1ec8190_2") && output[2]["call_id"] == .string("call_67890abc"))
    }

    @Test func reasoningContentComesFirstAsAReasoningItem() throws {
        let response = try ResponsesFixtures.response(
            #"{"choices":[{"finish_reason":"stop","message":{"role":"assistant","reasoning_content":"2 + 2 is 4.","content":"4"}}]}"#)
        guard case .array(let output)? = response["output"] else { Issue.record("no output"); return }
        #expect(
            output.first
                == .object([
                    "type": .string("reasoning"), "id": .string("rs_67ccd2bed1ec8190_0"), "summary": .array([]),
                    "content": .array([.object(["type": .string("reasoning_text"), "text": .string("2 + 2 is 4.")])]),
                ]))
        #expect(output.count == 2 && output[1]["id"] == .string("msg_67ccd2bed1ec8190_1"))
    }

    @Test func aCutAnswerIsIncompleteWithItsReason() throws {
        let long = try ResponsesFixtures.response(#"{"choices":[{"finish_reason":"length","message":{"content":"Once upon"}}]}"#)
        #expect(long["status"] == .string("incomplete"))
        #expect(long["incomplete_details"] == .object(["reason": .string("max_output_tokens")]))
        guard case .array(let output)? = long["output"] else { Issue.record("no output"); return }
        #expect(output.first?["status"] == .string("incomplete"))
        let filtered = try ResponsesFixtures.response(#"{"choices":[{"finish_reason":"content_filter","message":{"content":""}}]}"#)
        #expect(filtered["incomplete_details"] == .object(["reason": .string("content_filter")]))
        #expect(filtered["output"] == .array([]), "no text: no message item")
    }

    @Test func aRefusalIsARefusalPart() throws {
        let response = try ResponsesFixtures.response(
            #"{"choices":[{"finish_reason":"stop","message":{"content":null,"refusal":"I can't help with that."}}]}"#)
        guard case .array(let output)? = response["output"] else { Issue.record("no output"); return }
        #expect(output.first?["content"] == .array([.object(["type": .string("refusal"), "refusal": .string("I can't help with that.")])]))
    }
}
