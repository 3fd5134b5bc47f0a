@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import NIOCore
import Testing

/// A model's reasoning through the translations: `reasoning_effort` asks Anthropic for a thinking
/// budget; a thinking block comes back as `reasoning_content` with its signature marked as
/// Anthropic's; a Responses reasoning item carrying it goes back to Anthropic, in the assistant turn
/// it led to, as the signed thinking block Anthropic requires — and never to another provider.
@Suite struct ReasoningAcrossDialectsTests {
    static func anthropic(_ chat: String) throws -> AnthropicWire.Request {
        try AnthropicRequestMapping.request(fromChat: Array(chat.utf8), model: "claude", stream: false)
    }

    @Test func reasoningEffortIsAThinkingBudget() throws {
        let high = try Self.anthropic(
            #"{"messages":[{"role":"user","content":"Hi"}],"reasoning_effort":"high","max_completion_tokens":1000,"temperature":0.2,"top_p":0.5}"#
        )
        #expect(high.thinking == .object(["type": .string("enabled"), "budget_tokens": .int(16_384)]))
        #expect(high.maxTokens == 17_384, "the answer keeps its own allowance beside the budget")
        #expect(high.temperature == nil && high.topP == nil, "Anthropic takes neither with thinking")
        let roomy = try Self.anthropic(#"{"messages":[{"role":"user","content":"Hi"}],"reasoning_effort":"low","max_tokens":8000}"#)
        #expect(roomy.thinking?["budget_tokens"] == .int(1_024) && roomy.maxTokens == 8_000)
        #expect(try Self.anthropic(#"{"messages":[{"role":"user","content":"Hi"}],"reasoning_effort":"minimal"}"#).thinking == nil)
        let forced = try Self.anthropic(
            #"{"messages":[{"role":"user","content":"Hi"}],"reasoning_effort":"high","tools":[{"type":"function","function":{"name":"f","parameters":{}}}],"tool_choice":"required"}"#
        )
        #expect(forced.thinking == nil, "Anthropic refuses thinking with a forced tool call")
    }

    @Test func aSignedAssistantTurnGoesBackAsItsThinkingBlock() throws {
        let turn =
            #"{"role":"assistant","content":null,"reasoning_content":"Weather needs the tool.","reasoning_signature":"SIGNATURE","tool_calls":[{"id":"toolu_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]}"#
        let body = #"{"messages":[{"role":"user","content":"Paris?"},\#(turn),{"role":"tool","tool_call_id":"toolu_1","content":"sunny"}]}"#
        let ours = try Self.anthropic(body.replacingOccurrences(of: "SIGNATURE", with: "anthropic:EqQBCgIYAhIM"))
        #expect(ours.messages?[1].content.blocks.first == .thinking("Weather needs the tool.", signature: "EqQBCgIYAhIM"))
        #expect(ours.messages?[1].content.blocks.count == 2)
        let foreign = try Self.anthropic(body.replacingOccurrences(of: "SIGNATURE", with: "gAAAAABopenai"))
        #expect(foreign.messages?[1].content.blocks.contains { if case .thinking = $0 { true } else { false } } == false)
    }

    @Test func aThinkingAnswerCarriesItsSignatureToAResponsesClient() throws {
        let completion = try AnthropicResponseMapping.chatCompletion(
            from: try AnthropicFixtures.bytes("anthropic-response-text.json"), created: 1, provider: "anthropic")
        let response = try AnthropicFixtures.json(
            ResponsesInbound.response(fromChatCompletion: completion, context: ResponsesFixtures.context()))
        let reasoning = try #require(response["output"]?.elements.first)
        #expect(reasoning["type"] == .string("reasoning"))
        #expect(reasoning["encrypted_content"] == .string("anthropic:EqQBCgIYAhIM"))
        #expect(reasoning["content"]?.elements.first?["text"] == .string("The user greets me."))
    }

    @Test func aReasoningItemJoinsTheAssistantTurnAfterIt() throws {
        let reasoning =
            #"{"type":"reasoning","id":"rs_1","summary":[],"content":[{"type":"reasoning_text","text":"Use the tool."}],"encrypted_content":"anthropic:SIG"}"#
        let call = #"{"type":"function_call","call_id":"call_1","name":"get_weather","arguments":"{}"}"#
        let output = #"{"type":"function_call_output","call_id":"call_1","output":"sunny"}"#
        let chat = try ResponsesFixtures.chat(
            #"{"model":"m","input":[{"role":"user","content":"Paris?"},\#(reasoning),\#(call),\#(output)]}"#)
        let assistant = try #require(chat["messages"]?.elements.dropFirst().first)
        #expect(assistant["role"] == .string("assistant"))
        #expect(assistant["reasoning_content"] == .string("Use the tool.") && assistant["reasoning_signature"] == .string("anthropic:SIG"))
        #expect(assistant["tool_calls"]?.elements.count == 1)

        let unsigned = reasoning.replacingOccurrences(of: #","encrypted_content":"anthropic:SIG""#, with: "")
        let dropped = try ResponsesFixtures.chat(
            #"{"model":"m","input":[{"role":"user","content":"Paris?"},\#(unsigned),\#(call),\#(output)]}"#)
        #expect(dropped["messages"]?.elements.dropFirst().first?["reasoning_content"] == nil)

        let items = try AnthropicFixtures.json(Array("[\(reasoning),\(call)]".utf8)).elements
        #expect(ResponsesInbound.nativeInput(items) == Array(items.dropFirst()), "Anthropic's signature is never sent to OpenAI")
        let openAIs = try AnthropicFixtures.json(Array("[\(reasoning.replacingOccurrences(of: "anthropic:SIG", with: "gAAAAB"))]".utf8))
        #expect(ResponsesInbound.nativeInput(openAIs.elements) == openAIs.elements)
    }

    /// Anthropic's reasoning never reaches an OpenAI-compatible upstream (which may refuse fields it
    /// does not know); OpenAI's own encrypted reasoning is not put into chat at all.
    @Test func reasoningGoesOnlyWhereItCanBeRead() throws {
        let turn = #"{"role":"assistant","content":"Sunny.","reasoning_content":"Think.","reasoning_signature":"SIG"}"#
        let body = #"{"model":"m","messages":[{"role":"user","content":"Paris?"},\#(turn),{"role":"user","content":"More?"}]}"#
        let ours = ByteBuffer(string: body.replacingOccurrences(of: "SIG", with: "anthropic:EqQB"))
        let stripped = try AnthropicFixtures.json(try #require(AnthropicThinking.withoutAnthropicReasoning(ours)))
        let assistant = try #require(stripped["messages"]?.elements.dropFirst().first)
        #expect(assistant == .object(["role": .string("assistant"), "content": .string("Sunny.")]))
        #expect(stripped["model"] == .string("m") && stripped["messages"]?.elements.count == 3)
        #expect(AnthropicThinking.withoutAnthropicReasoning(ByteBuffer(string: body)) == nil, "not Brokle's: left as sent")
        #expect(AnthropicThinking.withoutAnthropicReasoning(ByteBuffer(string: #"{"model":"m","messages":[]}"#)) == nil)

        let openAIs =
            #"{"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"Hm."}],"encrypted_content":"gAAAAB"}"#
        let chat = try ResponsesFixtures.chat(
            #"{"model":"m","input":[{"role":"user","content":"Paris?"},\#(openAIs),{"role":"assistant","content":"Sunny."}]}"#)
        #expect(chat["messages"]?.elements.last == .object(["role": .string("assistant"), "content": .string("Sunny.")]))
    }
}
