@testable import BrokleCore
@testable import BrokleProviders
import NIOCore
import Testing

/// What the gateway reads from an answer in OpenAI's chat format.
@Suite struct OpenAIReplyReaderTests {
    @Test func aCompletionGivesItsUsage() throws {
        let body = ByteBuffer(bytes: try AnthropicFixtures.bytes("openai-response-tools.expected.json"))
        #expect(OpenAIReplyReader().summary(of: body).usage == TokenUsage(input: 472, output: 89))
    }

    @Test func everyUsageFieldIsReadWhereverItSitsAndHoweverItsKeyIsWritten() {
        let reader = OpenAIReplyReader()
        let full = #"""
            { "usage" : {"completion_tokens_details":{"reasoning_tokens":3},"prompt_tokens":12,
              "cache_creation_input_tokens":2, "completion_tokens":7, "prompt_tokens_details":{"cached_tokens":4}},
              "choices":[{"message":{"content":"\"usage\": {\"prompt_tokens\": 99}"}}], "id":"x" }
            """#
        #expect(
            reader.summary(of: ByteBuffer(string: full)).usage
                == TokenUsage(input: 12, output: 7, cachedInput: 4, cacheWrite: 2, reasoning: 3))
        // An escaped key is still the key; usage that is null, absent, or not numbers counts nothing.
        let escaped = #"{"choices":[],"us\u0061ge":{"prompt_tokens":5,"completion_tokens":1}}"#
        #expect(reader.summary(of: ByteBuffer(string: escaped)).usage == TokenUsage(input: 5, output: 1))
        #expect(reader.summary(of: ByteBuffer(string: #"{"choices":[],"usage":null}"#)).usage == nil)
        #expect(reader.summary(of: ByteBuffer(string: #"{"choices":[]}"#)).usage == nil)
        #expect(
            reader.summary(of: ByteBuffer(string: #"{"usage":{"prompt_tokens":"5","completion_tokens":1.5}}"#)).usage
                == TokenUsage())
        // Not one JSON object: nothing is read.
        #expect(reader.summary(of: ByteBuffer(string: #"{"usage":{"prompt_tokens":5}"#)).usage == nil)
    }

    @Test func onlyChunksWithAUsageObjectAreScanned() {
        #expect(OpenAIReplyReader.mayCarryUsage(#""usage":{"#))
        #expect(OpenAIReplyReader.mayCarryUsage(#"{"choices":[],"usage":{"prompt_tokens":1}}"#))
        #expect(OpenAIReplyReader.mayCarryUsage(#"{"usage":"usage","usage":{}}"#), "after a partial match")
        #expect(!OpenAIReplyReader.mayCarryUsage(#"{"usage":null}"#))
        #expect(!OpenAIReplyReader.mayCarryUsage(#""usage":"#))
        #expect(!OpenAIReplyReader.mayCarryUsage(""))
        #expect(!OpenAIReplyReader.mayCarryUsage(#"{"choices":[{"delta":{"content":"usage"}}]}"#))
        #expect(OpenAIReplyReader.mayCarryUsage(#"{"é":"ü","usage":{}}"#), "after multi-byte characters")
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
