@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import Testing

/// Responses `response` objects (shaped as OpenAI documents them) as the chat completions a chat
/// client reads.
@Suite struct ResponsesOutboundAnswerTests {
    static func completion(_ response: String) throws -> JSONValue {
        let answer = try ResponsesOutbound.answer(fromResponse: Array(response.utf8), created: 1, model: "o3-pro", provider: "p")
        guard case .completion(let bytes) = answer else { throw GatewayError.upstreamBadResponse("not a completion: \(answer)") }
        return try AnthropicFixtures.json(bytes)
    }

    static let text = #"""
        {"id":"resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b","object":"response","created_at":1741476542,
         "status":"completed","error":null,"incomplete_details":null,"model":"o3-pro-2025-06-10","output":[
          {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"Thinking about unicorns."}]},
          {"type":"message","id":"msg_67ccd2bf17f0819081ff3bb2cf6508e6","status":"completed","role":"assistant",
           "content":[{"type":"output_text","text":"In a peaceful grove beneath a silver moon...","annotations":[]}]}],
         "parallel_tool_calls":true,"store":false,"service_tier":"default",
         "usage":{"input_tokens":36,"input_tokens_details":{"cached_tokens":12},"output_tokens":87,
           "output_tokens_details":{"reasoning_tokens":20},"total_tokens":123}}
        """#

    @Test func aTextAnswerWithReasoningAndExactUsage() throws {
        let expected = try AnthropicFixtures.json(
            Array(
                #"""
                {"id":"resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b","object":"chat.completion","created":1741476542,
                 "model":"o3-pro-2025-06-10","service_tier":"default","choices":[{"index":0,"logprobs":null,"finish_reason":"stop",
                  "message":{"role":"assistant","content":"In a peaceful grove beneath a silver moon...","refusal":null,
                   "reasoning_content":"Thinking about unicorns."}}],
                 "usage":{"prompt_tokens":36,"completion_tokens":87,"total_tokens":123,"prompt_tokens_details":{"cached_tokens":12},
                  "completion_tokens_details":{"reasoning_tokens":20}}}
                """#.utf8))
        #expect(try Self.completion(Self.text) == expected)
    }

    @Test func functionCallsBecomeToolCalls() throws {
        let completion = try Self.completion(
            #"""
            {"id":"resp_2","object":"response","created_at":1741294021,"status":"completed","model":"gpt-4.1","output":[
              {"type":"function_call","id":"fc_1","call_id":"call_12345xyz","name":"get_weather",
               "arguments":"{\"location\":\"Paris, France\"}","status":"completed"},
              {"type":"function_call","id":"fc_2","call_id":"call_67890abc","name":"get_weather",
               "arguments":"{\"location\":\"Bogotá, Colombia\"}","status":"completed"}],
             "usage":{"input_tokens":291,"output_tokens":23,"total_tokens":314}}
            """#)
        let choice = try #require(completion["choices"]?.elements.first)
        #expect(choice["finish_reason"] == .string("tool_calls"))
        #expect(choice["message"]?["content"] == .null)
        #expect(
            choice["message"]?["tool_calls"]
                == .array([
                    .object([
                        "id": .string("call_12345xyz"), "type": .string("function"),
                        "function": .object(["name": .string("get_weather"), "arguments": .string(#"{"location":"Paris, France"}"#)]),
                    ]),
                    .object([
                        "id": .string("call_67890abc"), "type": .string("function"),
                        "function": .object(["name": .string("get_weather"), "arguments": .string(#"{"location":"Bogotá, Colombia"}"#)]),
                    ]),
                ]))
        #expect(
            completion["usage"]
                == .object([
                    "prompt_tokens": .int(291), "completion_tokens": .int(23), "total_tokens": .int(314),
                    "prompt_tokens_details": .object(["cached_tokens": .int(0)]),
                    "completion_tokens_details": .object(["reasoning_tokens": .int(0)]),
                ]))
    }

    @Test(arguments: [("max_output_tokens", "length"), ("content_filter", "content_filter")])
    func anIncompleteAnswerSaysWhy(reason: String, finish: String) throws {
        let completion = try Self.completion(
            #"{"id":"r","status":"incomplete","incomplete_details":{"reason":"\#(reason)"},"output":[{"type":"message","role":"assistant","content":[{"type":"output_text","text":"Once"}]}]}"#
        )
        #expect(completion["choices"]?.elements.first?["finish_reason"] == .string(finish))
        #expect(completion["model"] == .string("o3-pro") && completion["created"] == .int(1) && completion["usage"] == nil)
    }

    @Test func aFailedAnswerIsAnError() throws {
        let answer = try ResponsesOutbound.answer(
            fromResponse: Array(
                #"{"id":"r","status":"failed","error":{"code":"rate_limit_exceeded","message":"Slow down."},"output":[]}"#.utf8),
            created: 1, model: "m", provider: "p")
        guard case .failure(let status, let body) = answer else {
            Issue.record("not a failure")
            return
        }
        #expect(status == 429)
        #expect(
            try AnthropicFixtures.json(body)
                == .object([
                    "error": .object([
                        "message": .string("Slow down."), "type": .string("rate_limit_error"), "code": .string("rate_limit_exceeded"),
                        "param": .null,
                    ])
                ]))
        let server = try ResponsesOutbound.answer(
            fromResponse: Array(#"{"status":"failed","error":{"code":"server_error","message":"Oops"}}"#.utf8), created: 1, model: "m",
            provider: "p")
        if case .failure(let status, _) = server { #expect(status == 500) } else { Issue.record("not a failure") }
    }

    @Test func anUnreadableAnswerIsABadResponse() {
        #expect(throws: GatewayError.self) {
            try ResponsesOutbound.answer(fromResponse: Array("not json".utf8), created: 1, model: "m", provider: "p")
        }
        #expect(throws: GatewayError.self) {
            try ResponsesOutbound.answer(fromResponse: Array(#"{"status":"queued"}"#.utf8), created: 1, model: "m", provider: "p")
        }
    }
}
