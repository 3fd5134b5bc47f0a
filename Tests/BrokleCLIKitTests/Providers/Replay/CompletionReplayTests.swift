@testable import BrokleGateway
@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import NIOCore
import Testing

/// A stored legacy completion (`/v1/completions`) replays in the client's shape.
@Suite struct CompletionReplayTests {
    static let text = "\n\nOnce upon a time, in a land far away, there lived a gopher."
    static let usage = MockResponses.Usage(prompt: 5, completion: 16)
    static let whole = Array(
        MockResponses.completion(id: "cmpl-9", created: 1_700_000_001, model: "gpt-3.5-turbo-instruct", text: text, usage: usage).utf8)

    static func upstream(_ pieces: [String]) -> [ReplayEvent] {
        ReplayCheck.events(
            MockResponses.streamEvents(
                endpoint: .completions, id: "cmpl-9", created: 1_700_000_001, model: "gpt-3.5-turbo-instruct", pieces: pieces, usage: usage)
        )
    }

    @Test(arguments: [nil, 1, 3, 10_000] as [Int?])
    func aWholeAnswerComesBackFromItsStream(chunkSize: Int?) throws {
        let events = try #require(CompletionReplay.events(fromWhole: Self.whole, chunkSize: chunkSize))
        #expect(try ReplayCheck.json(CompletionReplay.assemble(events: events)) == ReplayCheck.json(Self.whole))
        #expect(try ReplayCheck.json(AnswerReplay.assemble(.openAICompletion, events: events)) == ReplayCheck.json(Self.whole))
    }

    /// The same chunks as the mock upstream sends, `usage: null` on all but the usage chunk.
    @Test func theStreamIsTheOneAnUpstreamSends() throws {
        let pieces = ["\n\nOnce", " upon a time, in a land far away, there lived a gopher."]
        let upstream = try Self.upstream(pieces).map { try ReplayCheck.json($0.data) }
        let whole = try #require(CompletionReplay.assemble(events: Self.upstream(pieces)))
        #expect(try ReplayCheck.json(whole) == ReplayCheck.json(Self.whole))
        let replayed = try #require(CompletionReplay.events(fromWhole: whole, chunkSize: nil)).map { try ReplayCheck.json($0.data) }
        #expect(replayed.count == 3 && replayed.suffix(2) == upstream.suffix(2))
        #expect(replayed[0]["choices"]?.replayFirst?["text"] == .string(Self.text) && replayed[0]["object"] == .string("text_completion"))
        #expect(replayed[0]["usage"] == .null && replayed[0]["choices"]?.replayFirst?["finish_reason"] == .null)
    }

    @Test func theReaderFindsContentAndTheUsageOnlyChunk() throws {
        let events = try #require(CompletionReplay.events(fromWhole: Self.whole, chunkSize: 8))
        let readings = try ReplayCheck.read(events, with: OpenAIReplyReader())
        #expect(readings.dropLast().allSatisfy { $0.isContent && !$0.isUsageOnly })
        #expect(readings.last == StreamEventReading(usage: TokenUsage(input: 5, output: 16), isContent: false, isUsageOnly: true))
        let bytes = AnswerReplay.sseBytes(.openAICompletion, events: events)
        let client = ReplayCheck.payloads(
            try ReplayCheck.relay(bytes, kind: .openAICompletion, encoder: OpenAIStreamEncoder(wantsUsage: false)))
        #expect(client.count == events.count && client.last == "[DONE]" && !client.contains { $0.contains(#""usage":{"#) })
    }

    @Test func aLastPieceCarryingTheFinishReasonIsRead() throws {
        let events = [
            ReplayEvent(
                data:
                    #"{"id":"c","object":"text_completion","created":1,"model":"m","choices":[{"text":"Hi","index":0,"logprobs":null,"finish_reason":null}]}"#
            ),
            ReplayEvent(
                data:
                    #"{"id":"c","object":"text_completion","created":1,"model":"m","choices":[{"text":"!","index":0,"logprobs":null,"finish_reason":"length"}]}"#
            ),
        ]
        let whole = try ReplayCheck.json(CompletionReplay.assemble(events: events))
        #expect(
            whole["choices"]?.replayFirst?["text"] == .string("Hi!") && whole["choices"]?.replayFirst?["finish_reason"] == .string("length")
        )
        #expect(whole["usage"] == nil)
    }

    @Test func unicodeSplitsWithoutCorruption() throws {
        let whole = Array(MockResponses.completion(id: "c", created: 1, model: "m", text: ReplayCheck.unicode, usage: Self.usage).utf8)
        for size in 1...5 {
            let events = try #require(CompletionReplay.events(fromWhole: whole, chunkSize: size))
            let texts = try events.map { try ReplayCheck.json($0.data) }.compactMap { $0["choices"]?.replayFirst?["text"]?.stringValue }
            #expect(texts.joined() == ReplayCheck.unicode)
            #expect(try ReplayCheck.json(CompletionReplay.assemble(events: events)) == ReplayCheck.json(whole))
        }
    }

    @Test func onlyOneChoiceFinishedNormallyIsStored() throws {
        #expect(CompletionReplay.storable(whole: Self.whole))
        let two = Self.replacing(#"}],"usage""#, with: #"},{"text":"B","index":1,"logprobs":null,"finish_reason":"stop"}],"usage""#)
        #expect(!CompletionReplay.storable(whole: two))
        #expect(!CompletionReplay.storable(whole: Self.replacing(#""finish_reason":"stop""#, with: #""finish_reason":"content_filter""#)))
        #expect(!CompletionReplay.storable(whole: Self.replacing(#""logprobs":null"#, with: #""logprobs":{"tokens":["a"]}"#)))
        #expect(!CompletionReplay.storable(whole: Array(OpenAIChatReplayTests.whole)))
        #expect(CompletionReplay.events(fromWhole: two, chunkSize: nil) == nil)
        let events = Self.upstream(["Once", " upon"])
        #expect(CompletionReplay.assemble(events: Array(events.dropLast(2))) == nil)
        let error = ReplayEvent(data: #"{"error":{"message":"boom","type":"api_error"}}"#)
        #expect(CompletionReplay.assemble(events: Array(events.prefix(1)) + [error]) == nil)
        let second = ReplayEvent(data: events[0].data.replacingOccurrences(of: #""index":0"#, with: #""index":1"#))
        #expect(CompletionReplay.assemble(events: [second] + events) == nil)
    }

    static func replacing(_ text: String, with replacement: String) -> [UInt8] {
        Array(String(decoding: whole, as: UTF8.self).replacingOccurrences(of: text, with: replacement).utf8)
    }
}
