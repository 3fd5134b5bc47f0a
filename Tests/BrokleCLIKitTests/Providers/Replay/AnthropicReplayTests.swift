@testable import BrokleGateway
@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import NIOCore
import Testing

/// A stored Anthropic message replays in the client's shape, as Anthropic would send it.
@Suite struct AnthropicReplayTests {
    static let whole = Array(
        #"""
        {"id":"msg_01Replay","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
         "content":[{"type":"text","text":"Hello! "},{"type":"text","text":"How can I help?"}],"stop_reason":"end_turn","stop_sequence":null,
         "usage":{"input_tokens":12,"cache_creation_input_tokens":100,"cache_read_input_tokens":2000,"output_tokens":9,"service_tier":"standard"}}
        """#.utf8)

    /// The recorded text stream without its thinking block: what Anthropic streams for plain text.
    static func upstream() throws -> [ReplayEvent] {
        try ReplayCheck.events(sse: AnthropicFixtures.text("anthropic-stream-text.sse")).filter { !$0.data.contains(#""index":0"#) }.map {
            ReplayEvent(name: $0.name, data: $0.data.replacingOccurrences(of: #""index":1"#, with: #""index":0"#))
        }
    }

    @Test(arguments: [nil, 1, 4, 10_000] as [Int?])
    func aWholeMessageComesBackFromItsStream(chunkSize: Int?) throws {
        let events = try #require(AnthropicReplay.events(fromWhole: Self.whole, chunkSize: chunkSize))
        #expect(try ReplayCheck.json(AnthropicReplay.assemble(events: events)) == ReplayCheck.json(Self.whole))
        #expect(try ReplayCheck.json(AnswerReplay.assemble(.anthropicMessages, events: events)) == ReplayCheck.json(Self.whole))
    }

    @Test func theStreamIsShapedAsAnthropicSendsIt() throws {
        let events = try #require(AnthropicReplay.events(fromWhole: Self.whole, chunkSize: nil))
        #expect(
            events.map(\.name) == [
                "message_start", "ping", "content_block_start", "content_block_delta", "content_block_stop", "content_block_start",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop",
            ])
        let data = try events.map { try ReplayCheck.json($0.data) }
        #expect(zip(events, data).allSatisfy { $0.name.map(JSONValue.string) == $1["type"] })
        let start = try #require(data.first?["message"])
        #expect(start["content"] == .array([]) && start["stop_reason"] == .null && start["stop_sequence"] == .null)
        #expect(start["id"] == .string("msg_01Replay") && start["model"] == .string("claude-sonnet-4-5-20250929"))
        #expect(start["usage"]?["input_tokens"] == .int(12) && start["usage"]?["output_tokens"] == .int(1))
        #expect(data[2]["content_block"] == .object(["type": .string("text"), "text": .string("")]))
        #expect(
            data[6]["index"] == .int(1) && data[6]["delta"] == .object(["type": .string("text_delta"), "text": .string("How can I help?")]))
        #expect(data[8]["delta"] == .object(["stop_reason": .string("end_turn"), "stop_sequence": .null]))
        #expect(data[8]["usage"] == .object(["output_tokens": .int(9)]))
    }

    @Test func anUpstreamStreamBecomesTheWholeMessageAndBackAgain() throws {
        let assembled = try #require(AnthropicReplay.assemble(events: Self.upstream()))
        let expected = try ReplayCheck.json(
            #"""
            {"id":"msg_01TextStream","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
             "content":[{"type":"text","text":"Hello wörld! 👋"}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":25,"cache_creation_input_tokens":0,"cache_read_input_tokens":1000,"output_tokens":15,"service_tier":"standard"}}
            """#)
        #expect(try ReplayCheck.json(assembled) == expected)
        let again = try #require(AnthropicReplay.events(fromWhole: assembled, chunkSize: 3))
        #expect(try ReplayCheck.json(AnthropicReplay.assemble(events: again)) == expected)
        let readings = try ReplayCheck.read(again, with: AnthropicReplyReader())
        #expect(readings.compactMap(\.usage).last == TokenUsage(input: 1025, output: 15, cachedInput: 1000))
        #expect(readings.compactMap(\.finishReason) == ["end_turn"])
    }

    @Test func theReaderReadsUsageStopReasonAndContent() throws {
        let events = try #require(AnthropicReplay.events(fromWhole: Self.whole, chunkSize: 5))
        let readings = try ReplayCheck.read(events, with: AnthropicReplyReader())
        #expect(readings.map(\.name) == events.map(\.name))
        #expect(
            readings.first?.usage == TokenUsage(input: 2112, output: 1, cachedInput: 2000, cacheWrite: 100)
                && readings.first?.isContent == true)
        #expect(readings.compactMap(\.usage).last == TokenUsage(input: 2112, output: 9, cachedInput: 2000, cacheWrite: 100))
        #expect(readings.compactMap(\.finishReason) == ["end_turn"])
        #expect(readings.filter { $0.name == "content_block_delta" }.allSatisfy { $0.isContent })
        #expect(!readings.contains { $0.isUsageOnly || $0.reportedError != nil })
        let summary = AnthropicReplyReader().summary(of: ByteBuffer(bytes: try #require(AnthropicReplay.assemble(events: events))))
        #expect(summary == AnthropicReplyReader().summary(of: ByteBuffer(bytes: Self.whole)))
    }

    /// An Anthropic client gets the synthesized events as they are, each with its name.
    @Test func thePassThroughRelayWritesAWellFormedStream() throws {
        let events = try #require(AnswerReplay.events(.anthropicMessages, fromWhole: Self.whole, chunkSize: 4))
        let bytes = AnswerReplay.sseBytes(.anthropicMessages, events: events)
        #expect(!String(decoding: bytes, as: UTF8.self).contains("[DONE]"))
        let text = try ReplayCheck.relay(bytes, kind: .anthropicMessages, encoder: AnthropicPassThroughEncoder())
        let written = try AnthropicFixtures.namedEvents(text)
        #expect(written.first?.name == "message_start" && written.last?.name == "message_stop")
        #expect(written.map(\.name) == events.compactMap(\.name))
        let texts = written.filter { $0.name == "content_block_delta" }.compactMap { $0.data["delta"]?["text"]?.stringValue }
        #expect(texts.joined() == "Hello! How can I help?")
    }

    @Test func unicodeSplitsWithoutCorruption() throws {
        let text = String(decoding: JSONScanner.encodeString(ReplayCheck.unicode), as: UTF8.self)
        let whole = Array(
            #"{"id":"m","type":"message","role":"assistant","model":"c","content":[{"type":"text","text":\#(text)}],"stop_reason":"max_tokens","stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":30}}"#
                .utf8)
        for size in 1...5 {
            let events = try #require(AnthropicReplay.events(fromWhole: whole, chunkSize: size))
            let texts = try events.map { try ReplayCheck.json($0.data) }.compactMap { $0["delta"]?["text"]?.stringValue }
            #expect(texts.joined() == ReplayCheck.unicode)
            #expect(try ReplayCheck.json(AnthropicReplay.assemble(events: events)) == ReplayCheck.json(whole))
        }
    }

    @Test func aStopSequenceIsKept() throws {
        let stopped = Self.replacing(
            #""stop_reason":"end_turn","stop_sequence":null"#, with: #""stop_reason":"stop_sequence","stop_sequence":"END""#)
        let events = try #require(AnthropicReplay.events(fromWhole: stopped, chunkSize: nil))
        #expect(try ReplayCheck.json(AnthropicReplay.assemble(events: events)) == ReplayCheck.json(stopped))
    }

    @Test func toolUseThinkingAndOtherStopsAreNotStored() throws {
        #expect(AnthropicReplay.storable(whole: Self.whole))
        #expect(!AnthropicReplay.storable(whole: try AnthropicFixtures.bytes("anthropic-response-text.json")))  // thinking
        #expect(!AnthropicReplay.storable(whole: try AnthropicFixtures.bytes("anthropic-response-tools.json")))
        #expect(!AnthropicReplay.storable(whole: try AnthropicFixtures.bytes("anthropic-error-overloaded.json")))
        #expect(!AnthropicReplay.storable(whole: Self.replacing(#""end_turn""#, with: #""refusal""#)))
        #expect(!AnthropicReplay.storable(whole: Self.replacing(#""end_turn""#, with: #""pause_turn""#)))
        #expect(
            !AnthropicReplay.storable(whole: Self.replacing(#""text":"Hello! ""#, with: #""text":"Hello! ","citations":[{"type":"x"}]"#)))
        let redacted = Self.replacing(#""content":["#, with: #""content":[{"type":"redacted_thinking","data":"abc"},"#)
        #expect(!AnthropicReplay.storable(whole: redacted))
        #expect(AnthropicReplay.events(fromWhole: redacted, chunkSize: nil) == nil)
        #expect(!AnswerReplay.storable(.anthropicMessages, whole: OpenAIChatReplayTests.whole))
    }

    @Test func toolUseThinkingErrorsAndCutStreamsAreNotAssembled() throws {
        for fixture in ["anthropic-stream-text.sse", "anthropic-stream-tools.sse", "anthropic-stream-error.sse"] {
            #expect(AnthropicReplay.assemble(events: ReplayCheck.events(sse: try AnthropicFixtures.text(fixture))) == nil, "\(fixture)")
        }
        let events = try Self.upstream()
        #expect(AnthropicReplay.assemble(events: events) != nil)
        #expect(AnthropicReplay.assemble(events: Array(events.dropLast())) == nil)
        #expect(AnthropicReplay.assemble(events: Array(events.dropFirst())) == nil)
        let error = ReplayEvent(name: "error", data: #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#)
        #expect(AnthropicReplay.assemble(events: Array(events.dropLast(2)) + [error]) == nil)
        let refused = events.map { ReplayEvent(name: $0.name, data: $0.data.replacingOccurrences(of: "end_turn", with: "refusal")) }
        #expect(AnthropicReplay.assemble(events: refused) == nil)
    }

    static func replacing(_ text: String, with replacement: String) -> [UInt8] {
        Array(String(decoding: whole, as: UTF8.self).replacingOccurrences(of: text, with: replacement).utf8)
    }
}
