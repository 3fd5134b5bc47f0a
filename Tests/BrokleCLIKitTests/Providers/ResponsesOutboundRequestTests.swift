@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import Testing

/// Chat requests as the Responses requests a Responses-only provider (`api: responses`) gets.
@Suite struct ResponsesOutboundRequestTests {
    static func translate(_ chat: String, model: String = "o3-pro", stream: Bool = false) throws -> JSONValue {
        try AnthropicFixtures.json(try ResponsesOutbound.body(fromChat: Array(chat.utf8), model: model, stream: stream))
    }

    static func rejection(_ chat: String) -> GatewayError? {
        do throws(GatewayError) {
            _ = try ResponsesOutbound.body(fromChat: Array(chat.utf8), model: "o3-pro", stream: false)
            return nil
        } catch {
            return error
        }
    }

    static func json(_ text: String) throws -> JSONValue { try AnthropicFixtures.json(Array(text.utf8)) }

    @Test func aConversationWithToolCallsBothWays() throws {
        let chat = #"""
            {"model":"o3-pro","messages":[
              {"role":"system","content":"You are terse."},
              {"role":"developer","content":[{"type":"text","text":"Use metric units."}]},
              {"role":"user","content":[{"type":"text","text":"Weather in Paris?"},
                {"type":"image_url","image_url":{"url":"https://example.com/sky.png","detail":"low"}}]},
              {"role":"assistant","content":null,"tool_calls":[
                {"id":"call_12345xyz","type":"function","function":{"name":"get_weather","arguments":"{\"location\":\"Paris, France\"}"}}]},
              {"role":"tool","tool_call_id":"call_12345xyz","content":"18C, sunny"},
              {"role":"assistant","content":"18C and sunny."},
              {"role":"system","content":"Now answer in French."},
              {"role":"user","content":"Merci"}],
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather",
               "parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}}],
             "tool_choice":{"type":"function","function":{"name":"get_weather"}},"parallel_tool_calls":false,
             "response_format":{"type":"json_schema","json_schema":{"name":"weather","schema":{"type":"object"},"strict":true}},
             "max_completion_tokens":800,"temperature":0.2,"top_p":0.9,"user":"u-1","reasoning_effort":"high",
             "stream_options":{"include_usage":true},"store":true,"metadata":{"k":"v"},"n":1,"logprobs":false,
             "verbosity":"low","top_k":40}
            """#
        let expected = try Self.json(
            #"""
            {"model":"o3-pro","instructions":"You are terse.\n\nUse metric units.","input":[
              {"type":"message","role":"user","content":[{"type":"input_text","text":"Weather in Paris?"},
                {"type":"input_image","image_url":"https://example.com/sky.png","detail":"low"}]},
              {"type":"function_call","call_id":"call_12345xyz","name":"get_weather","arguments":"{\"location\":\"Paris, France\"}"},
              {"type":"function_call_output","call_id":"call_12345xyz","output":"18C, sunny"},
              {"type":"message","role":"assistant","content":[{"type":"output_text","text":"18C and sunny."}]},
              {"type":"message","role":"system","content":[{"type":"input_text","text":"Now answer in French."}]},
              {"type":"message","role":"user","content":[{"type":"input_text","text":"Merci"}]}],
             "tools":[{"type":"function","name":"get_weather","description":"Current weather","strict":false,
               "parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}],
             "tool_choice":{"type":"function","name":"get_weather"},"parallel_tool_calls":false,
             "text":{"format":{"type":"json_schema","name":"weather","schema":{"type":"object"},"strict":true},"verbosity":"low"},
             "max_output_tokens":800,"temperature":0.2,"top_p":0.9,"user":"u-1","reasoning":{"effort":"high"},
             "store":false,"top_k":40}
            """#)
        #expect(try Self.translate(chat) == expected)
    }

    @Test func aStreamAsksForOneAndTheLegacyLimitIsRead() throws {
        let request = try Self.translate(
            #"{"model":"x","messages":[{"role":"user","content":"Hi"}],"max_tokens":5,"stream":true,"response_format":{"type":"json_object"}}"#,
            model: "codex-mini", stream: true)
        #expect(
            request
                == .object([
                    "model": .string("codex-mini"), "stream": .bool(true), "store": .bool(false), "max_output_tokens": .int(5),
                    "text": .object(["format": .object(["type": .string("json_object")])]),
                    "input": .array([
                        .object([
                            "type": .string("message"), "role": .string("user"),
                            "content": .array([.object(["type": .string("input_text"), "text": .string("Hi")])]),
                        ])
                    ]),
                ]))
    }

    @Test func anAssistantTurnKeepsItsTextBeforeItsCalls() throws {
        let request = try Self.translate(
            #"""
            {"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"Checking.","tool_calls":[
              {"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}},
              {"id":"c2","type":"function","function":{"name":"g","arguments":"{\"x\":1}"}}]}]}
            """#)
        let input = request["input"]?.elements ?? []
        #expect(input.count == 4)
        #expect(input[1]["content"]?.elements.first?["text"] == .string("Checking."))
        #expect(input[2]["call_id"] == .string("c1") && input[3]["name"] == .string("g") && input[3]["arguments"] == .string(#"{"x":1}"#))
        #expect(request["instructions"] == nil)
    }

    @Test(arguments: [
        (#""n":2"#, "n"), (#""logprobs":true"#, "logprobs"), (#""top_logprobs":2"#, "top_logprobs"), (#""stop":["END"]"#, "stop"),
        (#""presence_penalty":0.5"#, "presence_penalty"), (#""seed":7"#, "seed"), (#""logit_bias":{"50256":-100}"#, "logit_bias"),
        (#""modalities":["text","audio"]"#, "modalities"), (#""functions":[{"name":"f"}]"#, "functions"),
        (#""tools":[{"type":"custom","custom":{"name":"c"}}]"#, "tools"),
        (#""tool_choice":{"type":"allowed_tools","allowed_tools":{"mode":"auto","tools":[]}}"#, "tool_choice"),
    ])
    func fieldsWithNoEquivalentAreRefusedByName(field: String, param: String) throws {
        let error = try #require(Self.rejection(#"{"messages":[{"role":"user","content":"hi"}],\#(field)}"#))
        #expect(error.status == 400 && error.param == param, "\(error.message)")
    }

    @Test func audioPartsAndUnknownRolesAreRefused() throws {
        let audio = try #require(
            Self.rejection(
                #"{"messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"AAA","format":"wav"}}]}]}"#))
        #expect(audio.status == 400 && audio.message.contains("input_audio") && audio.param == "messages")
        let role = try #require(Self.rejection(#"{"messages":[{"role":"function","name":"f","content":"x"}]}"#))
        #expect(role.message.contains("'function'"))
        #expect(Self.rejection(#"{"model":"x"}"#)?.param == "messages")
        #expect(Self.rejection("[1]")?.status == 400)
    }
}
