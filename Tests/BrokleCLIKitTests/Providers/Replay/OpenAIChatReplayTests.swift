@testable import BrokleGateway
@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import NIOCore
import Testing

/// A stored chat completion replays in the client's shape, as an OpenAI upstream would send it.
@Suite struct OpenAIChatReplayTests {
    static let text = "Hello there! How can I help you today?"
    static let usage = MockResponses.Usage(prompt: 9, completion: 11)
    static let whole = Array(
        MockResponses.chat(id: "chatcmpl-7", created: 1_700_000_000, model: "gpt-4o-mini", text: text, usage: usage).utf8)

    /// The stream of the live relay (as ``MockProvider`` and OpenAI send it, `[DONE]` dropped).
    static func upstream(_ pieces: [String]) -> [ReplayEvent] {
        ReplayCheck.events(
            MockResponses.streamEvents(
                endpoint: .chatCompletions, id: "chatcmpl-7", created: 1_700_000_000, model: "gpt-4o-mini", pieces: pieces, usage: usage))
    }

    static func fixtureEvents(_ name: String) throws -> [ReplayEvent] {
        ReplayCheck.events(sse: try AnthropicFixtures.text(name))
    }

    @Test(arguments: [nil, 1, 4, 10_000] as [Int?])
    func aWholeAnswerComesBackFromItsStream(chunkSize: Int?) throws {
        let events = try #require(OpenAIChatReplay.events(fromWhole: Self.whole, chunkSize: chunkSize))
        #expect(try ReplayCheck.json(OpenAIChatReplay.assemble(events: events)) == ReplayCheck.json(Self.whole))
        #expect(try ReplayCheck.json(AnswerReplay.assemble(.openAIChat, events: events)) == ReplayCheck.json(Self.whole))
    }

    @Test func theStreamIsShapedAsOpenAISendsIt() throws {
        let events = try #require(OpenAIChatReplay.events(fromWhole: Self.whole, chunkSize: 5))
        let chunks = try events.map { try ReplayCheck.json($0.data) }
        #expect(events.allSatisfy { $0.name == nil })
        for chunk in chunks {
            #expect(chunk["id"] == .string("chatcmpl-7") && chunk["created"] == .int(1_700_000_000))
            #expect(chunk["model"] == .string("gpt-4o-mini") && chunk["object"] == .string("chat.completion.chunk"))
            #expect(chunk["system_fingerprint"] == .null)
        }
        let first = try #require(chunks.first?["choices"]).replayFirst
        #expect(first?["delta"] == .object(["role": .string("assistant"), "content": .string(""), "refusal": .null]))
        #expect(first?["finish_reason"] == .null && first?["index"] == .int(0))
        let contents = chunks.dropFirst().compactMap { $0["choices"]?.replayFirst?["delta"]?["content"]?.stringValue }
        #expect(contents.joined() == Self.text && contents.count == 8)
        let last = try #require(chunks.last)
        #expect(last["choices"] == .array([]))
        #expect(last["usage"] == (try ReplayCheck.json(Self.whole))["usage"])
        let final = chunks[chunks.count - 2]["choices"]?.replayFirst
        #expect(final?["delta"] == .object([:]) && final?["finish_reason"] == .string("stop"))
        #expect(chunks.dropLast().allSatisfy { $0["usage"] == .null })
    }

    @Test func anUpstreamStreamBecomesTheWholeAnswerAndBackAgain() throws {
        let pieces = ["Hello", " there!", " How can", " I help you today?"]
        let assembled = try #require(OpenAIChatReplay.assemble(events: Self.upstream(pieces)))
        #expect(try ReplayCheck.json(assembled) == ReplayCheck.json(Self.whole))
        let again = try #require(OpenAIChatReplay.events(fromWhole: assembled, chunkSize: nil))
        #expect(try ReplayCheck.json(OpenAIChatReplay.assemble(events: again)) == ReplayCheck.json(Self.whole))
    }

    /// A recorded OpenAI stream: system fingerprint, usage with details and `usage: null` chunks.
    @Test func aRecordedStreamKeepsItsFingerprintAndUsageDetails() throws {
        let events = try Self.fixtureEvents("inbound-openai-stream-text.sse")
        let whole = try ReplayCheck.json(OpenAIChatReplay.assemble(events: events))
        let expected = try ReplayCheck.json(
            #"""
            {"id":"chatcmpl-123","object":"chat.completion","created":1694268190,"model":"gpt-4o-mini","system_fingerprint":"fp_44709d6fcb",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello there!"},"logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":30,"completion_tokens":3,"total_tokens":33,"prompt_tokens_details":{"cached_tokens":10}}}
            """#)
        #expect(whole == expected)
        // Replayed in one content chunk where the upstream sent two; every other chunk as it sent it.
        let assembled = try #require(OpenAIChatReplay.assemble(events: events))
        let replayed = try #require(OpenAIChatReplay.events(fromWhole: assembled, chunkSize: nil))
        let sent = try events.map { try ReplayCheck.json($0.data) }
        let again = try replayed.map { try ReplayCheck.json($0.data) }
        #expect(again.count == 4 && again.first == sent.first && again.suffix(2) == sent.suffix(2))
        #expect(again[1]["choices"]?.replayFirst?["delta"] == .object(["content": .string("Hello there!")]))
    }

    @Test func theReaderFindsContentAndTheUsageOnlyChunk() throws {
        let events = try #require(OpenAIChatReplay.events(fromWhole: Self.whole, chunkSize: 7))
        let readings = try ReplayCheck.read(events, with: OpenAIReplyReader())
        #expect(readings.dropLast().allSatisfy { $0.isContent && !$0.isUsageOnly && $0.usage == nil })
        #expect(readings.last == StreamEventReading(usage: TokenUsage(input: 9, output: 11), isContent: false, isUsageOnly: true))
        let assembled = try #require(OpenAIChatReplay.assemble(events: events))
        #expect(OpenAIReplyReader().summary(of: ByteBuffer(bytes: assembled)).usage == TokenUsage(input: 9, output: 11))
    }

    @Test func aClientThatDidNotAskForUsageDoesNotGetTheUsageChunk() throws {
        let events = try #require(AnswerReplay.events(.openAIChat, fromWhole: Self.whole, chunkSize: 10))
        let bytes = AnswerReplay.sseBytes(.openAIChat, events: events)
        let without = ReplayCheck.payloads(try ReplayCheck.relay(bytes, kind: .openAIChat, encoder: OpenAIStreamEncoder(wantsUsage: false)))
        #expect(without.count == events.count && without.last == "[DONE]")
        #expect(!without.contains { $0.contains(#""usage":{"#) })
        let with = ReplayCheck.payloads(try ReplayCheck.relay(bytes, kind: .openAIChat, encoder: OpenAIStreamEncoder(wantsUsage: true)))
        #expect(with.count == events.count + 1 && with.dropLast().last?.contains(#""choices":[],"usage":{"#) == true)
    }

    /// An Anthropic client of an OpenAI-format answer: the relay translates the replayed chunks.
    @Test func theChunksTranslateIntoAWellFormedAnthropicStream() throws {
        let events = try #require(OpenAIChatReplay.events(fromWhole: Self.whole, chunkSize: 6))
        let bytes = ReplayEvent.sseBytes(events, done: true)
        let text = try ReplayCheck.relay(bytes, kind: .openAIChat, encoder: AnthropicTranslatingEncoder(requestedModel: "claude-x"))
        let translated = try AnthropicFixtures.namedEvents(text)
        #expect(translated.first?.name == "message_start" && translated.last?.name == "message_stop")
        let deltas = translated.filter { $0.name == "content_block_delta" }.compactMap { $0.data["delta"]?["text"]?.stringValue }
        #expect(deltas.joined() == Self.text)
        let end = try #require(translated.first { $0.name == "message_delta" })
        #expect(end.data["delta"]?["stop_reason"] == .string("end_turn") && end.data["usage"]?["output_tokens"] == .int(11))
    }

    @Test func unicodeSplitsWithoutCorruption() throws {
        let whole = Array(MockResponses.chat(id: "c", created: 1, model: "m", text: ReplayCheck.unicode, usage: Self.usage).utf8)
        for size in 1...6 {
            let events = try #require(OpenAIChatReplay.events(fromWhole: whole, chunkSize: size))
            let contents = try events.map { try ReplayCheck.json($0.data) }.compactMap {
                $0["choices"]?.replayFirst?["delta"]?["content"]?.stringValue
            }
            #expect(contents.joined() == ReplayCheck.unicode)
            #expect(contents.allSatisfy { $0.unicodeScalars.first.map { !$0.properties.isGraphemeExtend } ?? true })
            #expect(try ReplayCheck.json(OpenAIChatReplay.assemble(events: events)) == ReplayCheck.json(whole))
        }
    }

    @Test func toolCallsAreNotStored() throws {
        #expect(!OpenAIChatReplay.storable(whole: try AnthropicFixtures.bytes("inbound-chat-completion.json")))
        #expect(!OpenAIChatReplay.storable(whole: try AnthropicFixtures.bytes("openai-response-tools.expected.json")))
        #expect(OpenAIChatReplay.events(fromWhole: try AnthropicFixtures.bytes("inbound-chat-completion.json"), chunkSize: nil) == nil)
        #expect(OpenAIChatReplay.assemble(events: try Self.fixtureEvents("inbound-openai-stream-tools.sse")) == nil)
        let streamed = try AnthropicFixtures.json("openai-stream-tools.expected.json")
        let chunks = try #require(streamed.replayItems).map {
            ReplayEvent(data: String(decoding: try JSONEncoder().encode($0), as: UTF8.self))
        }
        #expect(OpenAIChatReplay.assemble(events: chunks.filter { $0.data != #""[DONE]""# }) == nil)
    }

    @Test func onlyOneChoiceFinishedNormallyIsStored() throws {
        #expect(OpenAIChatReplay.storable(whole: Self.whole))
        let two = Self.replacing(
            #"}],"usage""#, with: #"},{"index":1,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],"usage""#)
        #expect(!OpenAIChatReplay.storable(whole: two))
        #expect(!OpenAIChatReplay.storable(whole: Self.replacing(#""finish_reason":"stop""#, with: #""finish_reason":"content_filter""#)))
        #expect(!OpenAIChatReplay.storable(whole: Self.replacing(#""finish_reason":"stop""#, with: #""finish_reason":null"#)))
        #expect(OpenAIChatReplay.storable(whole: Self.replacing(#""finish_reason":"stop""#, with: #""finish_reason":"length""#)))
        #expect(!OpenAIChatReplay.storable(whole: Self.replacing(#""refusal":null"#, with: #""refusal":"I can't.""#)))
        #expect(!OpenAIChatReplay.storable(whole: Self.replacing(#""logprobs":null"#, with: #""logprobs":{"content":[]}"#)))
        #expect(!OpenAIChatReplay.storable(whole: Self.replacing(#""refusal":null"#, with: #""reasoning_content":"Hmm""#)))
        #expect(!OpenAIChatReplay.storable(whole: Array(#"{"error":{"message":"nope"}}"#.utf8)))
        #expect(!OpenAIChatReplay.storable(whole: Array("not json".utf8)))
        let deep = String(repeating: "[", count: JSONNesting.maxDepth + 1) + String(repeating: "]", count: JSONNesting.maxDepth + 1)
        #expect(!OpenAIChatReplay.storable(whole: Self.replacing(#""system_fingerprint":null"#, with: #""system_fingerprint":\#(deep)"#)))
    }

    @Test func aStreamCutShortSeveralChoicesOrAnErrorIsNotStored() throws {
        let events = Self.upstream(["Hello", " there"])
        #expect(OpenAIChatReplay.assemble(events: events) != nil)
        #expect(OpenAIChatReplay.assemble(events: Array(events.dropLast(2))) == nil)
        #expect(OpenAIChatReplay.assemble(events: []) == nil)
        let error = ReplayEvent(data: #"{"error":{"message":"The provider's stream failed.","type":"api_error"}}"#)
        #expect(OpenAIChatReplay.assemble(events: Array(events.prefix(2)) + [error]) == nil)
        let second = ReplayEvent(data: events[1].data.replacingOccurrences(of: #""index":0"#, with: #""index":1"#))
        #expect(OpenAIChatReplay.assemble(events: events + [second]) == nil)
        let filtered = ReplayEvent(
            data: events[3].data.replacingOccurrences(of: #""finish_reason":"stop""#, with: #""finish_reason":"content_filter""#))
        #expect(OpenAIChatReplay.assemble(events: Array(events.prefix(3)) + [filtered]) == nil)
    }

    static func replacing(_ text: String, with replacement: String) -> [UInt8] {
        Array(String(decoding: whole, as: UTF8.self).replacingOccurrences(of: text, with: replacement).utf8)
    }
}
