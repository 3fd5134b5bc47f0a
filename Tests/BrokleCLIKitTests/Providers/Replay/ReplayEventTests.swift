@testable import BrokleProviders
import Foundation
import Testing

/// Stored events back into SSE bytes, and text into stream deltas.
@Suite struct ReplayEventTests {
    @Test func sseBytesParseBackIntoTheSameEvents() throws {
        let events = [ReplayEvent(name: "ping", data: #"{"type":"ping"}"#), ReplayEvent(data: "two\nlines"), ReplayEvent(data: "")]
        let bytes = ReplayEvent.sseBytes(events, done: true)
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("event: ping\ndata: {\"type\":\"ping\"}\n\ndata: two\ndata: lines\n\n"))
        var parser = SSEParser()
        #expect(try parser.feed(bytes) + parser.finish() == events.map(\.data) + ["[DONE]"])
        #expect(ReplayCheck.events(sse: String(decoding: ReplayEvent.sseBytes(events, done: false), as: UTF8.self)).first == events.first)
    }

    @Test func eventsEncodeAsJSON() throws {
        let event = ReplayEvent(name: "message_stop", data: #"{"type":"message_stop"}"#)
        let decoded = try JSONDecoder().decode(ReplayEvent.self, from: try JSONEncoder().encode(event))
        #expect(decoded == event)
    }

    @Test func textIsCutBetweenCharacters() {
        #expect(ReplayText.pieces("", size: 3) == [])
        #expect(ReplayText.pieces("abcdefg", size: nil) == ["abcdefg"])
        #expect(ReplayText.pieces("abcdefg", size: 3) == ["abc", "def", "g"])
        #expect(ReplayText.pieces("ab", size: 0) == ["a", "b"])
        #expect(ReplayText.pieces("e\u{301}👨‍👩‍👧日本", size: 1) == ["e\u{301}", "👨‍👩‍👧", "日", "本"])
        for size in 1...7 {
            let pieces = ReplayText.pieces(ReplayCheck.unicode, size: size)
            #expect(pieces.joined() == ReplayCheck.unicode)
            #expect(pieces.allSatisfy { $0.count <= size && !$0.isEmpty })
        }
    }

    @Test func everyKindDispatchesToItsFormat() throws {
        let wholes: [AnswerReplay.Kind: [UInt8]] = [
            .openAIChat: OpenAIChatReplayTests.whole, .openAICompletion: CompletionReplayTests.whole,
            .anthropicMessages: AnthropicReplayTests.whole,
        ]
        for kind in AnswerReplay.Kind.allCases {
            let whole = try #require(wholes[kind])
            #expect(AnswerReplay.storable(kind, whole: whole))
            for other in AnswerReplay.Kind.allCases where other != kind { #expect(!AnswerReplay.storable(other, whole: whole)) }
            let events = try #require(AnswerReplay.events(kind, fromWhole: whole))
            #expect(try ReplayCheck.json(AnswerReplay.assemble(kind, events: events)) == ReplayCheck.json(whole))
            #expect(kind.endsWithDone == (kind.wireFormat == .openAIChat))
        }
    }
}
