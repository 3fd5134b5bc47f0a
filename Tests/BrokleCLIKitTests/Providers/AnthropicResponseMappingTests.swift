@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import Testing

@Suite struct AnthropicResponseMappingTests {
    @Test(arguments: [
        ("anthropic-response-text.json", "openai-response-text.expected.json"),
        ("anthropic-response-tools.json", "openai-response-tools.expected.json"),
    ])
    func messagesBecomeChatCompletions(fixture: String, expected: String) throws {
        let body = try AnthropicResponseMapping.chatCompletion(
            from: try AnthropicFixtures.bytes(fixture), created: 1_700_000_000, provider: "claude")
        #expect(try AnthropicFixtures.json(body) == (try AnthropicFixtures.json(expected)))
    }

    @Test func stopReasons() {
        #expect(AnthropicResponseMapping.finishReason("end_turn") == "stop")
        #expect(AnthropicResponseMapping.finishReason("stop_sequence") == "stop")
        #expect(AnthropicResponseMapping.finishReason("max_tokens") == "length")
        #expect(AnthropicResponseMapping.finishReason("tool_use") == "tool_calls")
        #expect(AnthropicResponseMapping.finishReason("refusal") == "content_filter")
    }

    @Test func anUnreadableMessageIs502() {
        #expect(throws: GatewayError.self) {
            try AnthropicResponseMapping.chatCompletion(from: Array("<html>".utf8), created: 0, provider: "claude")
        }
    }

    @Test func errorBodiesKeepMessageAndTypeAndLoseTheKey() throws {
        let overloaded = AnthropicResponseMapping.errorBody(
            status: 529, body: try AnthropicFixtures.bytes("anthropic-error-overloaded.json"), provider: "claude", secrets: []
        )
        #expect(
            try AnthropicFixtures.json(overloaded)
                == .object([
                    "error": .object(["message": .string("Overloaded"), "type": .string("overloaded_error"), "param": .null, "code": .null])
                ]))
        let wire = OpenAIWire.error(status: 529, body: .init(bytes: overloaded), provider: "claude", secrets: [])
        #expect(wire.type == "overloaded_error" && wire.message == "Overloaded", "the gateway's OpenAI error reader understands it")

        let leaky = Array(#"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key sk-ant-123"}}"#.utf8)
        let scrubbed = try AnthropicFixtures.json(
            AnthropicResponseMapping.errorBody(status: 401, body: leaky, provider: "claude", secrets: ["sk-ant-123"]))
        #expect(scrubbed["error"]?["message"] == .string("invalid x-api-key ***"))
        #expect(scrubbed["error"]?["type"] == .string("authentication_error"))

        let html = try AnthropicFixtures.json(
            AnthropicResponseMapping.errorBody(status: 413, body: Array("<html>too large</html>".utf8), provider: "claude", secrets: []))
        #expect(html["error"]?["message"] == .string("The provider 'claude' answered with status 413."))
        #expect(html["error"]?["type"] == .string("invalid_request_error"))
    }
}
