@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import Testing

@Suite struct AnthropicRequestMappingTests {
    @Test func aFullOpenAIRequestBecomesTheExpectedAnthropicRequest() throws {
        let body = try AnthropicRequestMapping.body(
            fromChat: try AnthropicFixtures.bytes("openai-request.json"), model: "claude-sonnet-4-5-20250929", stream: true
        )
        #expect(try AnthropicFixtures.json(body) == (try AnthropicFixtures.json("anthropic-request.expected.json")))
    }

    @Test func defaultsAndSingleValues() throws {
        let chat =
            #"{"model":"x","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}],"max_tokens":50,"stop":["a","b"]}"#
        let request = try AnthropicRequestMapping.request(fromChat: Array(chat.utf8), model: "claude", stream: false)
        #expect(request.system == .text("Be brief."))
        #expect(request.messages == [.init(role: "user", content: .text("Hi"))])
        #expect(request.maxTokens == 50)
        #expect(request.stopSequences == ["a", "b"])
        #expect(request.stream == nil)
        #expect(request.tools == nil && request.toolChoice == nil)

        let bare = try AnthropicRequestMapping.request(
            fromChat: Array(#"{"messages":[{"role":"user","content":"Hi"}]}"#.utf8), model: "m", stream: false)
        #expect(bare.maxTokens == 4096, "Anthropic requires max_tokens")
        #expect(bare.system == nil)
    }

    @Test func toolChoices() throws {
        func choice(_ value: String, parallel: String = "") throws -> AnthropicWire.ToolChoice? {
            let chat =
                #"{"messages":[],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],"tool_choice":\#(value)\#(parallel)}"#
            return try AnthropicRequestMapping.request(fromChat: Array(chat.utf8), model: "m", stream: false).toolChoice
        }
        #expect(try choice(#""auto""#) == .init(type: "auto"))
        #expect(try choice(#""none""#, parallel: #","parallel_tool_calls":false"#) == .init(type: "none"))
        #expect(try choice(#""required""#) == .init(type: "any"))
        #expect(try choice(#"{"type":"function","function":{"name":"f"}}"#) == .init(type: "tool", name: "f"))
        #expect(try choice("null", parallel: #","parallel_tool_calls":false"#) == .init(type: "auto", disableParallelToolUse: true))
        #expect(try choice("null") == nil)
    }

    @Test func unreadableOrUntranslatableRequestsAre400() {
        func error(_ chat: String) -> GatewayError? {
            do throws(GatewayError) {
                _ = try AnthropicRequestMapping.request(fromChat: Array(chat.utf8), model: "m", stream: false)
                return nil
            } catch {
                return error
            }
        }
        #expect(error("not json")?.status == 400)
        #expect(error(#"{"model":"m"}"#)?.param == "messages")
        #expect(
            error(#"{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"ftp://x/y.png"}}]}]}"#)?.status == 400)
        #expect(
            error(#"{"messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"","format":"wav"}}]}]}"#)?.status
                == 400)
        #expect(error(#"{"messages":[{"role":"narrator","content":"x"}]}"#)?.param == "messages[0].role")
    }
}
