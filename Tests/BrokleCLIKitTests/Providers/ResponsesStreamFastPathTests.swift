@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import Testing

/// The text-delta fast path of the chat → Responses stream encoder writes the very bytes the
/// general path writes, keeps the same text, and leaves every other chunk to the general path.
/// The general path is reached with the same chunk plus a field it ignores and the fast path
/// does not know (`x_unknown`).
struct ResponsesStreamFastPathTests {
    static func chunk(_ delta: String, finish: String = "null", extra: String = "") -> String {
        #"{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":\#(delta),"logprobs":null,"finish_reason":\#(finish)}]\#(extra)}"#
    }

    static func content(_ text: String) throws -> String {
        let array = try JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
        return #"{"content":\#(String(decoding: array, as: UTF8.self).dropFirst().dropLast())}"#
    }

    /// An encoder with its text part open (created, in progress, item and part added).
    static func opened() -> ResponsesStreamEncoder {
        var encoder = ResponsesStreamEncoder(context: ResponsesFixtures.context())
        _ = encoder.feed(chunk(#"{"role":"assistant","content":"Hi"}"#))
        return encoder
    }

    static let texts = [
        " word", "naïve café", "emoji 🎉 and 中文", "a/b <tag> & 'quotes'", "x", "del \u{7F}", "line\u{2028}separator",
        "with \"escapes\"", "new\nline", "tab\t", "", "\u{1}", String(repeating: "long ", count: 200),
    ]

    @Test(arguments: texts)
    func aTextDeltaIsWrittenAsTheGeneralPathWritesIt(_ text: String) throws {
        let plain = Self.chunk(try Self.content(text))
        var fast = Self.opened()
        var general = Self.opened()
        let written = fast.feed(plain)
        #expect(general.fastTextDelta(Self.chunk(try Self.content(text), extra: #","x_unknown":1"#)) == nil)
        let expected = general.feed(Self.chunk(try Self.content(text), extra: #","x_unknown":1"#))
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(fast.message?.text == general.message?.text && fast.sequence == general.sequence)
        // Text without escapes (and not empty) is the fast path's.
        let escapes = text.isEmpty || text.unicodeScalars.contains { $0.value < 0x20 || $0 == "\"" || $0 == "\\" }
        #expect((ChatChunkText.plainText(in: plain) != nil) == !escapes, "\(text.debugDescription)")
    }

    /// A whole stream of many deltas, fast path and all, is byte for byte the general path's.
    @Test func aStreamOfManyDeltasIsTheGeneralPathsStream() throws {
        var payloads = [Self.chunk(#"{"role":"assistant","content":"","refusal":null}"#, extra: #","usage":null"#)]
        payloads += try Self.texts.map { Self.chunk(try Self.content($0)) }
        payloads += [
            Self.chunk(#"{"refusal":"no"}"#), Self.chunk(#"{"content":"back"}"#), Self.chunk("{}", finish: #""stop""#),
            Self.chunk("{}", extra: #","usage":{"prompt_tokens":3,"completion_tokens":5}"#).replacingOccurrences(
                of: #"[{"index":0,"delta":{},"logprobs":null,"finish_reason":null}]"#, with: "[]"),
            "[DONE]",
        ]
        var fast = ResponsesStreamEncoder(context: ResponsesFixtures.context())
        var general = ResponsesStreamEncoder(context: ResponsesFixtures.context())
        var fastBytes: [UInt8] = []
        var generalBytes: [UInt8] = []
        for payload in payloads {
            fastBytes += fast.feed(payload)
            generalBytes += general.feed(payload == "[DONE]" ? payload : String(payload.dropLast()) + #","x_unknown":1}"#)
        }
        #expect(String(decoding: fastBytes, as: UTF8.self) == String(decoding: generalBytes, as: UTF8.self))
        #expect(fast.finalResponse == general.finalResponse && fast.finalResponse != nil)
        let events = try AnthropicFixtures.namedEvents(String(decoding: fastBytes, as: UTF8.self))
        #expect(events.map { $0.data["sequence_number"] } == events.indices.map { JSONValue.int($0) })
        let text = events.filter { $0.name == "response.output_text.delta" }.compactMap { $0.data["delta"]?.stringValue }.joined()
        #expect(text == "Hi".dropLast(2) + Self.texts.joined() + "back")
    }

    @Test(arguments: [
        chunk(#"{"content":"done"}"#, finish: #""stop""#),
        chunk(#"{"content":"hi","refusal":"no"}"#),
        chunk(#"{"reasoning_content":"hmm","content":"hi"}"#),
        chunk(#"{"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]}"#),
        chunk(#"{"content":"hi"}"#, extra: #","usage":{"prompt_tokens":1,"completion_tokens":1}"#),
        #"{"id":"c1","choices":[{"index":0,"delta":{"content":"a"}},{"index":1,"delta":{"content":"b"}}]}"#,
        #"{"error":{"message":"broken","type":"api_error"}}"#,
        #"{"choices":[]}"#,
        "not json",
    ])
    func anyOtherChunkTakesTheGeneralPath(_ data: String) {
        var encoder = Self.opened()
        #expect(encoder.fastTextDelta(data) == nil)
        #expect(encoder.message?.text == "Hi" && encoder.sequence == 5, "nothing changed")
    }

    /// A plain delta before the stream started, with no message open, or while a refusal is
    /// written, is the general path's too (it opens the stream, the message or a new part).
    @Test func aPlainDeltaInAnyOtherStateTakesTheGeneralPath() {
        let plain = Self.chunk(#"{"content":"hi"}"#)
        var fresh = ResponsesStreamEncoder(context: ResponsesFixtures.context())
        #expect(fresh.fastTextDelta(plain) == nil)
        var calling = ResponsesStreamEncoder(context: ResponsesFixtures.context())
        _ = calling.feed(Self.chunk(#"{"tool_calls":[{"index":0,"id":"call_1","function":{"name":"f","arguments":""}}]}"#))
        #expect(calling.fastTextDelta(plain) == nil)
        var refusing = ResponsesStreamEncoder(context: ResponsesFixtures.context())
        _ = refusing.feed(Self.chunk(#"{"refusal":"I can't"}"#))
        #expect(refusing.fastTextDelta(plain) == nil)
        var reasoning = ResponsesStreamEncoder(context: ResponsesFixtures.context())
        _ = reasoning.feed(Self.chunk(#"{"reasoning_content":"hmm"}"#))
        #expect(reasoning.fastTextDelta(plain) == nil)
    }
}
