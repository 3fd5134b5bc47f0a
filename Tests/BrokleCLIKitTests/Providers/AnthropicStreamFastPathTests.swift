@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import Testing

/// The text-delta fast path of the OpenAI → Anthropic stream encoder writes the very bytes the
/// general path writes, and leaves every other chunk to the general path.
struct AnthropicStreamFastPathTests {
    static func chunk(_ delta: String, finish: String = "null", extra: String = "") -> String {
        #"{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":\#(delta),"logprobs":null,"finish_reason":\#(finish)}]\#(extra)}"#
    }

    @Test(arguments: [" word", "naïve café", "emoji 🎉 and 中文", "a/b <tag> & 'quotes'", "x"])
    func aTextDeltaIsWrittenAsTheGeneralPathWritesIt(_ text: String) throws {
        let content = String(
            decoding: try JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes]), as: UTF8.self
        )
        .dropFirst().dropLast()
        let data = Self.chunk(#"{"content":\#(content)}"#)
        let written = try #require(ChatChunkText.plainText(in: data))
        let fast = AnthropicStreamEncoder.textDeltaEvent(index: 3, text: written)
        let general =
            Array("event: content_block_delta\ndata: ".utf8)
            + AnthropicWire.encode(AnthropicWire.StreamEvent.contentBlockDelta(index: 3, delta: .text(text))) + Array("\n\n".utf8)
        #expect(String(decoding: fast, as: UTF8.self) == String(decoding: general, as: UTF8.self))
    }

    @Test(arguments: [
        chunk(#"{"content":"with \"escapes\""}"#),
        chunk(#"{"content":""}"#),
        chunk(#"{"content":"done"}"#, finish: #""stop""#),
        chunk(#"{"content":"hi","refusal":"no"}"#),
        chunk(#"{"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]}"#),
        chunk(#"{"content":"hi"}"#, extra: #","usage":{"prompt_tokens":1,"completion_tokens":1}"#),
        chunk(#"{"content":"hi"}"#, extra: #","x_unknown":1"#),
        #"{"id":"c1","choices":[{"index":0,"delta":{"content":"a"}},{"index":1,"delta":{"content":"b"}}]}"#,
        #"{"error":{"message":"broken","type":"api_error"}}"#,
        #"{"choices":[]}"#,
        "not json",
    ])
    func anyOtherChunkTakesTheGeneralPath(_ data: String) {
        #expect(ChatChunkText.plainText(in: data) == nil)
    }

    @Test func nullUsageAndRefusalStillTakeTheFastPath() {
        let data = Self.chunk(#"{"role":"assistant","content":"hi","refusal":null}"#, extra: #","usage":null"#)
        #expect(ChatChunkText.plainText(in: data).map { Array($0) } == Array(#""hi""#.utf8))
    }

    /// A whole stream, fast path and all, still decodes to the same events.
    @Test func aStreamOfTextDeltasKeepsItsBlocksAndText() throws {
        var encoder = AnthropicStreamEncoder(requestedModel: "m")
        var out: [UInt8] = []
        for piece in ["Hel", "lo", " wor", "ld"] { out += encoder.feed(Self.chunk(#"{"content":"\#(piece)"}"#)) }
        out += encoder.feed(Self.chunk("{}", finish: #""stop""#))
        out += encoder.feed("[DONE]")
        let events = try AnthropicFixtures.namedEvents(String(decoding: out, as: UTF8.self))
        #expect(
            events.map(\.name) == [
                "message_start", "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop",
            ])
        let text = events.filter { $0.name == "content_block_delta" }.compactMap { $0.data["delta"]?["text"]?.stringValue }.joined()
        #expect(text == "Hello world")
        #expect(events.filter { $0.name == "content_block_delta" }.allSatisfy { $0.data["index"] == .int(0) })
    }
}
