@testable import BrokleCore
import Testing

@Suite struct RequestInspectorTests {
    func inspect(_ text: String) throws -> RequestInspector { try RequestInspector(Array(text.utf8)) }

    @Test func readsTopLevelFieldsOnly() throws {
        let inspector = try inspect(#"{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"{\"model\":\"x\"}"}],"n":1}"#)
        #expect(inspector.string("model") == "gpt-4o")
        #expect(inspector.bool("stream") == true)
        #expect(inspector.has("messages"))
        #expect(!inspector.has("prompt"))
        #expect(!inspector.clientWantsStreamUsage)
    }

    @Test func rewritesModelAndAddsStreamOptionsLeavingEverythingElse() throws {
        let original =
            #"{ "model" : "fast", "tools":[{"type":"function","function":{"name":"f","parameters":{}}}], "seed": 7, "x_unknown": {"deep": [1, 2.5e3, null]} }"#
        let rewritten = String(decoding: try inspect(original).rewritten(model: "gpt-4o-mini", includeUsage: true), as: UTF8.self)
        #expect(
            rewritten
                == #"{ "model" : "gpt-4o-mini", "tools":[{"type":"function","function":{"name":"f","parameters":{}}}], "seed": 7, "x_unknown": {"deep": [1, 2.5e3, null]} ,"stream_options":{"include_usage":true}}"#
        )
        let again = try inspect(rewritten)
        #expect(again.clientWantsStreamUsage)
        #expect(again.string("model") == "gpt-4o-mini")
    }

    @Test func respectsAClientThatAlreadyAskedForUsage() throws {
        let original = #"{"model":"m","stream":true,"stream_options":{"include_usage":true}}"#
        let inspector = try inspect(original)
        #expect(inspector.clientWantsStreamUsage)
        #expect(String(decoding: inspector.rewritten(model: "m", includeUsage: true), as: UTF8.self) == original)
        let off = try inspect(#"{"model":"m","stream_options":{"include_usage":false}}"#)
        #expect(
            String(decoding: off.rewritten(model: "m", includeUsage: true), as: UTF8.self)
                == #"{"model":"m","stream_options":{"include_usage":true}}"#)
    }

    @Test func decodesEscapedStrings() throws {
        #expect(try inspect(#"{"model":"a\"b\\c\u00e9\ud83d\ude00"}"#).string("model") == "a\"b\\cé😀")
        #expect(try inspect(#"{"model":"héllo"}"#).string("model") == "héllo")
    }

    @Test(arguments: ["", "[]", "{", #"{"model":}"#, #"{"model":"x",}"#, #"{"model":"x"} trailing"#, "nul", #"{"a":tru}"#])
    func malformedBodiesAreA400(text: String) {
        #expect { try RequestInspector(Array(text.utf8)) } throws: { ($0 as? GatewayError)?.status == 400 }
    }
}
