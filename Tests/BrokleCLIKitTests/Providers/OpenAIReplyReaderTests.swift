import NIOCore
import Testing
@testable import BrokleCLIKit

/// What the gateway reads from an answer in OpenAI's chat format.
@Suite struct OpenAIReplyReaderTests {
    @Test func aCompletionGivesItsUsage() throws {
        let body = ByteBuffer(bytes: try AnthropicFixtures.bytes("openai-response-tools.expected.json"))
        #expect(OpenAIReplyReader().summary(of: body).usage == TokenUsage(input: 472, output: 89))
    }

    @Test func theUsageOnlyChunkIsTheOnlyOneMarkedSo() throws {
        let reader = OpenAIReplyReader()
        let content = try reader.read(#"{"choices":[{"index":0,"delta":{"content":"Hi"}}]}"#)
        #expect(content == StreamEventReading(isContent: true))
        let usage = try reader.read(#"{"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2}}"#)
        #expect(usage == StreamEventReading(usage: TokenUsage(input: 5, output: 2), isContent: false, isUsageOnly: true))
        #expect(try reader.read("[DONE]") == StreamEventReading(isContent: false))
        try reader.finish()
    }
}
