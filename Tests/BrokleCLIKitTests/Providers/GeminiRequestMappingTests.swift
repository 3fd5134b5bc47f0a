@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import Testing

@Suite struct GeminiRequestMappingTests {
    /// System + developer messages, text and images (data: and https), tool calls (one carrying a
    /// thought signature in its id), two tool results merged into one turn, tools with schema
    /// keywords Gemini rejects, tool_choice, and the generation settings.
    @Test func fixtureRequestMapsToGeminiRequest() throws {
        let body = try GeminiRequestMapping.body(fromOpenAI: GeminiFixtures.data("chat-request.openai.json"))
        #expect(try GeminiFixtures.json(body) == GeminiFixtures.json("chat-request.gemini.json"))
    }

    @Test func toolChoiceModes() throws {
        #expect(try GeminiRequestMapping.toolConfig(.string("auto"))?.functionCallingConfig.mode == "AUTO")
        #expect(try GeminiRequestMapping.toolConfig(.string("none"))?.functionCallingConfig.mode == "NONE")
        #expect(try GeminiRequestMapping.toolConfig(.string("required"))?.functionCallingConfig == .init(mode: "ANY"))
        #expect(try GeminiRequestMapping.toolConfig(nil) == nil)
        #expect(throws: GatewayError.self) { try GeminiRequestMapping.toolConfig(.string("sometimes")) }
    }

    @Test func stopArrayMaxTokensAndJSONMode() throws {
        let request = try map(
            #"{"messages":[{"role":"user","content":"hi"}],"stop":["a","b"],"max_tokens":64,"response_format":{"type":"json_object"}}"#)
        #expect(request.generationConfig?.stopSequences == ["a", "b"])
        #expect(request.generationConfig?.maxOutputTokens == 64)
        #expect(request.generationConfig?.responseMimeType == "application/json")
        #expect(request.systemInstruction == nil && request.tools == nil && request.toolConfig == nil)
    }

    @Test func jsonSchemaResponseFormatAndOptionalFields() throws {
        let request = try map(
            #"""
            {"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"refusal","refusal":"no"}]}],
             "response_format":{"type":"json_schema","json_schema":{"name":"r","strict":true,"schema":{
               "type":"object","additionalProperties":false,"required":["a"],
               "properties":{"a":{"anyOf":[{"type":"string","maxLength":5},{"type":"null"}],"description":"outer","default":null},
                             "b":{"anyOf":[{"type":"string"},{"type":"integer"}]}}}}}}
            """#)
        #expect(request.contents.count == 1)
        #expect(request.generationConfig?.responseMimeType == "application/json")
        #expect(
            request.generationConfig?.responseSchema
                == .object([
                    "type": .string("object"), "required": .array([.string("a")]),
                    "properties": .object([
                        "a": .object([
                            "type": .string("string"), "maxLength": .int(5), "nullable": .bool(true), "description": .string("outer"),
                            "default": .null,
                        ]),
                        "b": .object(["anyOf": .array([.object(["type": .string("string")]), .object(["type": .string("integer")])])]),
                    ]),
                ]))
    }

    @Test func plainConversationHasNoGenerationConfig() throws {
        let request = try map(
            #"{"model":"m","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}],"user":"u"}"#)
        #expect(request.contents == [.init(role: "user", parts: [.init(text: "hi")]), .init(role: "model", parts: [.init(text: "hello")])])
        #expect(request.generationConfig == nil)
    }

    @Test func badRequestsAreInvalidRequestErrors() {
        for body in [
            "not json",
            #"{"messages":"hi"}"#,
            #"{"messages":[{"role":"tool","tool_call_id":"call_9","content":"x"}]}"#,
            #"{"messages":[{"role":"robot","content":"x"}]}"#,
            #"{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"ftp://x/y.png"}}]}]}"#,
            #"{"messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"[1]"}}]}]}"#,
        ] {
            #expect(throws: GatewayError.self, "\(body)") { try map(body) }
        }
    }

    @Test func thoughtSignatureSurvivesTheToolCallID() {
        let signature = "+/++dGhvdWdodC1zaWctMSE="
        let id = GeminiToolCallID.make(number: 3, signature: signature)
        #expect(id == "call_3_sig_-_--dGhvdWdodC1zaWctMSE")
        #expect(id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
        #expect(GeminiToolCallID.signature(in: id) == signature)
        #expect(GeminiToolCallID.make(number: 0, signature: nil) == "call_0")
        #expect(GeminiToolCallID.signature(in: "call_0") == nil)
        #expect(GeminiToolCallID.signature(in: "toolu_01_sig_x") == nil)
    }

    @Test func embeddingInputs() throws {
        let request = try GeminiRequestMapping.embedRequest(
            fromOpenAI: Data(#"{"model":"e","input":["a","b"],"dimensions":256}"#.utf8), resource: "models/text-embedding-004"
        )
        #expect(request.requests.map(\.content.parts) == [[.init(text: "a")], [.init(text: "b")]])
        #expect(request.requests.allSatisfy { $0.model == "models/text-embedding-004" && $0.outputDimensionality == 256 })
        #expect(throws: GatewayError.self) {
            try GeminiRequestMapping.embedRequest(fromOpenAI: Data(#"{"input":[[1,2]]}"#.utf8), resource: "models/e")
        }
    }

    private func map(_ body: String) throws -> GeminiWire.Request {
        try GeminiRequestMapping.request(fromOpenAI: Data(body.utf8))
    }
}
