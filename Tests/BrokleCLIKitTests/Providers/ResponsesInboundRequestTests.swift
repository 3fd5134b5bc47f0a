@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import Testing

/// Responses requests as the chat requests the gateway routes, and the ones it must refuse.
@Suite struct ResponsesInboundRequestTests {
    @Test func aStringInputWithInstructionsAndSettings() throws {
        let chat = try ResponsesFixtures.chat(
            #"""
            {"model":"gpt-4.1","instructions":"Talk like a pirate.","input":"Are semicolons optional in JavaScript?",
             "max_output_tokens":200,"temperature":0.2,"top_p":0.9,"user":"u-1","service_tier":"flex","reasoning":{"effort":"low"},
             "stream":true,"store":false,"metadata":{"k":"v"},"previous_response_id":"resp_1","truncation":"auto",
             "include":["reasoning.encrypted_content"],"prompt_cache_key":"c","safety_identifier":"s","text":{"verbosity":"low"}}
            """#)
        #expect(
            chat
                == .object([
                    "model": .string("gpt-4.1"),
                    "messages": .array([
                        .object(["role": .string("system"), "content": .string("Talk like a pirate.")]),
                        .object(["role": .string("user"), "content": .string("Are semicolons optional in JavaScript?")]),
                    ]),
                    "max_completion_tokens": .int(200), "temperature": .double(0.2), "top_p": .double(0.9), "user": .string("u-1"),
                    "service_tier": .string("flex"), "reasoning_effort": .string("low"), "stream": .bool(true),
                    "stream_options": .object(["include_usage": .bool(true)]),
                ]))
    }

    @Test func messageItemsWithImagesFilesAndADeveloperRole() throws {
        let chat = try ResponsesFixtures.chat(
            #"""
            {"model":"gpt-4.1-mini","input":[
              {"role":"developer","content":"Answer in French."},
              {"role":"user","content":[{"type":"input_text","text":"what's in this image?"},
                {"type":"input_image","image_url":"https://example.com/boardwalk.jpg","detail":"high"},
                {"type":"input_file","filename":"draft.pdf","file_data":"data:application/pdf;base64,JVBERi0="}]},
              {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Une passerelle.","annotations":[]}]},
              {"role":"user","content":[{"type":"input_text","text":"Merci"}]}]}
            """#)
        #expect(
            chat["messages"]
                == .array([
                    .object(["role": .string("system"), "content": .string("Answer in French.")]),
                    .object([
                        "role": .string("user"),
                        "content": .array([
                            .object(["type": .string("text"), "text": .string("what's in this image?")]),
                            .object([
                                "type": .string("image_url"),
                                "image_url": .object(["url": .string("https://example.com/boardwalk.jpg"), "detail": .string("high")]),
                            ]),
                            .object([
                                "type": .string("file"),
                                "file": .object([
                                    "filename": .string("draft.pdf"), "file_data": .string("data:application/pdf;base64,JVBERi0="),
                                ]),
                            ]),
                        ]),
                    ]),
                    .object(["role": .string("assistant"), "content": .string("Une passerelle.")]),
                    .object(["role": .string("user"), "content": .string("Merci")]),
                ]))
    }

    @Test func functionCallsMergeIntoTheAssistantTurnAndOutputsBecomeToolMessages() throws {
        let chat = try ResponsesFixtures.chat(
            #"""
            {"model":"gpt-4.1","input":[
              {"role":"user","content":"What's the weather like in Paris and Bogotá today?"},
              {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Let me check."}]},
              {"type":"reasoning","id":"rs_1","summary":[]},
              {"type":"function_call","id":"fc_1","call_id":"call_12345xyz","name":"get_weather","arguments":"{\"location\":\"Paris, France\"}"},
              {"type":"function_call","id":"fc_2","call_id":"call_67890abc","name":"get_weather","arguments":"{\"location\":\"Bogotá, Colombia\"}"},
              {"type":"function_call_output","call_id":"call_12345xyz","output":"{\"temperature\":14}"},
              {"type":"function_call_output","call_id":"call_67890abc","output":[{"type":"input_text","text":"18"},{"type":"input_text","text":"°C"}]},
              {"type":"function_call","call_id":"call_3","name":"get_time","arguments":"{}"},
              {"type":"function_call_output","call_id":"call_3","output":"noon"}]}
            """#)
        func call(_ id: String, _ name: String, _ arguments: String) -> JSONValue {
            .object([
                "id": .string(id), "type": .string("function"),
                "function": .object(["name": .string(name), "arguments": .string(arguments)]),
            ])
        }
        func tool(_ id: String, _ content: String) -> JSONValue {
            .object(["role": .string("tool"), "tool_call_id": .string(id), "content": .string(content)])
        }
        #expect(
            chat["messages"]
                == .array([
                    .object(["role": .string("user"), "content": .string("What's the weather like in Paris and Bogotá today?")]),
                    .object([
                        "role": .string("assistant"), "content": .string("Let me check."),
                        "tool_calls": .array([
                            call("call_12345xyz", "get_weather", #"{"location":"Paris, France"}"#),
                            call("call_67890abc", "get_weather", #"{"location":"Bogotá, Colombia"}"#),
                        ]),
                    ]),
                    tool("call_12345xyz", #"{"temperature":14}"#),
                    tool("call_67890abc", "18\n°C"),
                    .object(["role": .string("assistant"), "content": .null, "tool_calls": .array([call("call_3", "get_time", "{}")])]),
                    tool("call_3", "noon"),
                ]))
    }

    @Test func functionToolsAndAChoiceOfOne() throws {
        let chat = try ResponsesFixtures.chat(
            #"""
            {"model":"gpt-4.1","input":"Weather?","parallel_tool_calls":false,"tool_choice":{"type":"function","name":"get_weather"},
             "tools":[{"type":"function","name":"get_weather","description":"Current weather","strict":true,
                       "parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}]}
            """#)
        #expect(
            chat["tools"]
                == .array([
                    .object([
                        "type": .string("function"),
                        "function": .object([
                            "name": .string("get_weather"), "description": .string("Current weather"), "strict": .bool(true),
                            "parameters": .object([
                                "type": .string("object"), "properties": .object(["location": .object(["type": .string("string")])]),
                                "required": .array([.string("location")]),
                            ]),
                        ]),
                    ])
                ]))
        #expect(chat["tool_choice"] == .object(["type": .string("function"), "function": .object(["name": .string("get_weather")])]))
        #expect(chat["parallel_tool_calls"] == .bool(false))
        let required = try ResponsesFixtures.chat(
            #"{"model":"m","input":"x","tool_choice":"required","tools":[{"type":"function","name":"f"}]}"#)
        #expect(required["tool_choice"] == .string("required"))
        // Chat refuses a tool choice without tools: none is sent.
        let toolless = try ResponsesFixtures.chat(#"{"model":"m","input":"x","tool_choice":"none","parallel_tool_calls":true}"#)
        #expect(toolless["tool_choice"] == nil && toolless["parallel_tool_calls"] == nil && toolless["tools"] == nil)
    }

    @Test func everyTextFormat() throws {
        func format(_ text: String) throws -> JSONValue? {
            try ResponsesFixtures.chat(#"{"model":"m","input":"x","text":\#(text)}"#)["response_format"]
        }
        #expect(try format(#"{"format":{"type":"text"}}"#) == nil)
        #expect(try format(#"{"format":{"type":"json_object"}}"#) == .object(["type": .string("json_object")]))
        let schema = #"{"type":"object","properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":false}"#
        #expect(
            try format(#"{"format":{"type":"json_schema","name":"person","description":"A person","strict":true,"schema":\#(schema)}}"#)
                == .object([
                    "type": .string("json_schema"),
                    "json_schema": .object([
                        "name": .string("person"), "description": .string("A person"), "strict": .bool(true),
                        "schema": try AnthropicFixtures.json(Array(schema.utf8)),
                    ]),
                ]))
        #expect(ResponsesFixtures.rejection(#"{"model":"m","input":"x","text":{"format":{"type":"yaml"}}}"#)?.param == "text.format")
    }

    @Test(arguments: [
        "web_search", "web_search_preview", "file_search", "computer_use_preview", "code_interpreter", "image_generation", "mcp",
        "local_shell", "custom",
    ])
    func aHostedToolIsRefusedByName(type: String) throws {
        let error = try #require(
            ResponsesFixtures.rejection(#"{"model":"m","input":"x","tools":[{"type":"function","name":"f"},{"type":"\#(type)"}]}"#))
        #expect(error.status == 400 && error.type == "invalid_request_error" && error.param == "tools")
        #expect(error.message == "The hosted tool '\(type)' cannot be served by this route: only function tools are translated.")
        let choice = try #require(
            ResponsesFixtures.rejection(
                #"{"model":"m","input":"x","tools":[{"type":"function","name":"f"}],"tool_choice":{"type":"\#(type)"}}"#))
        #expect(choice.param == "tool_choice" && choice.message.contains("'\(type)'"))
    }

    @Test func badRequestsAre400sThatSayWhy() throws {
        let missing = try #require(ResponsesFixtures.rejection(#"{"model":"m"}"#))
        #expect(missing.status == 400 && missing.message == "'input' is required." && missing.param == "input")
        #expect(ResponsesFixtures.rejection(#"{"input":"x"}"#)?.param == "model")
        #expect(ResponsesFixtures.rejection("[1]")?.message == "The request body must be a JSON object.")
        #expect(ResponsesFixtures.rejection("{not json")?.status == 400)
        #expect(ResponsesFixtures.rejection(Array(repeating: UInt8(ascii: "["), count: 100_000)) == .nestedTooDeep)
        #expect(ResponsesFixtures.rejection(#"{"model":"m","input":42}"#)?.param == "input")
        #expect(ResponsesFixtures.rejection(#"{"model":"m","input":"x","background":true}"#)?.param == "background")
        func message(_ input: String) -> String {
            ResponsesFixtures.rejection(#"{"model":"m","input":[\#(input)]}"#)?.message ?? "accepted"
        }
        #expect(message(#"{"type":"item_reference","id":"msg_1"}"#).contains("item_reference"))
        #expect(message(#"{"type":"web_search_call","id":"ws_1"}"#).contains("'web_search_call'"))
        #expect(message(#"{"role":"user","content":[{"type":"input_image","file_id":"file-1"}]}"#).contains("'file_id'"))
        #expect(message(#"{"role":"user","content":[{"type":"input_file","file_id":"file-1"}]}"#).contains("'file_id'"))
        #expect(message(#"{"role":"user","content":[{"type":"input_audio"}]}"#).contains("'input_audio'"))
        #expect(message(#"{"role":"tool","content":"x"}"#).contains("'tool'"))
        #expect(message(#"{"type":"function_call_output","output":"x"}"#).contains("'call_id'"))
    }
}
