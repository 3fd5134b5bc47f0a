@testable import BrokleCore
@testable import BrokleGateway
import BrokleProviders
import Foundation
import Testing

/// The stream screen on events as providers send them: parallel tool calls, Responses sequence
/// numbers around an inserted delta, finish reasons written with spaces.
@Suite struct GuardrailStreamScreenTests {
    static func screen(_ format: WireFormat) throws -> GuardrailStreamScreen {
        let policy = try GuardrailPolicy(json: #"{"input": {"email": "mask"}, "restore": true}"#)
        var masker = GuardrailMasker()
        _ = masker.placeholder(for: "ann@example.com", entity: .email, restorable: true)
        var session = GuardrailSession(profile: GuardrailProfile(policy, custom: []))
        session.masker = masker
        return GuardrailStreamScreen(format: format, session: session)
    }

    static func object(_ event: String) -> [String: JSONValue] { GuardrailStreamScreen.decode(event) ?? [:] }

    @Test func parallelToolCallsKeepTheirOwnArguments() throws {
        var screen = try Self.screen(.openAIChat)
        func call(_ index: Int, _ arguments: String) -> String {
            let quoted = String(decoding: JSONScanner.encodeString(arguments), as: UTF8.self)
            return
                #"{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"index":\#(index),"function":{"arguments":\#(quoted)}}]},"finish_reason":null}]}"#
        }
        var events: [String] = []
        for piece in [call(0, #"{"to":"[EMA"#), call(0, #"IL_1]"}"#), call(1, #"{"cc":"[EM"#), call(1, #"AIL_1]"}"#)] {
            events += screen.process(piece)
        }
        events += screen.process(
            #"{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason": "tool_calls"}]}"#)
        events += screen.process("[DONE]")
        var arguments: [Int: String] = [:]
        for event in events where event != "[DONE]" {
            guard case .array(let choices)? = Self.object(event)["choices"], let delta = choices.first?["delta"],
                case .array(let calls)? = delta["tool_calls"]
            else { continue }
            for call in calls {
                if let index = call["index"]?.intValue, let text = call["function"]?["arguments"]?.stringValue {
                    arguments[index, default: ""] += text
                }
            }
        }
        #expect(arguments[0] == #"{"to":"ann@example.com"}"#)
        #expect(arguments[1] == #"{"cc":"ann@example.com"}"#)
    }

    @Test func anInsertedResponsesDeltaTakesTheNextNumberAndLaterOnesMoveUp() throws {
        var screen = try Self.screen(.openAIResponses)
        let input = [
            #"{"type":"response.output_text.delta","item_id":"m","output_index":0,"content_index":0,"delta":"Hi [EMA","sequence_number":1}"#,
            #"{"type":"response.output_text.delta","item_id":"m","output_index":0,"content_index":0,"delta":"IL_1","sequence_number":2}"#,
            #"{"type":"response.output_text.annotation.added","item_id":"m","output_index":0,"content_index":0,"annotation":{},"sequence_number":3}"#,
            #"{"type":"response.output_text.done","item_id":"m","output_index":0,"content_index":0,"text":"Hi [EMAIL_1","sequence_number":4}"#,
            #"{"type":"response.completed","response":{"id":"r","output":[]},"sequence_number":5}"#,
        ]
        var events: [String] = []
        for event in input { events += screen.process(event) }
        let numbers = events.compactMap { Self.object($0)["sequence_number"]?.intValue }
        #expect(numbers == [1, 2, 3, 4, 5, 6])
        let deltas = events.compactMap { event -> String? in
            let object = Self.object(event)
            return object["type"]?.stringValue == "response.output_text.delta" ? object["delta"]?.stringValue : nil
        }
        #expect(deltas.joined() == "Hi [EMAIL_1", "an unfinished placeholder goes out as it came")
        #expect(deltas.count == 3)
    }

    @Test func aFinishReasonWithSpacesEndsTheChoice() {
        #expect(GuardrailStreamScreen.endsChoice(Array(#"{"choices":[{"finish_reason": "stop"}]}"#.utf8)))
        #expect(GuardrailStreamScreen.endsChoice(Array(#"{"choices":[{"finish_reason":"stop"}]}"#.utf8)))
        #expect(!GuardrailStreamScreen.endsChoice(Array(#"{"choices":[{"finish_reason":null}]}"#.utf8)))
        #expect(!GuardrailStreamScreen.endsChoice(Array(#"{"choices":[{"finish_reason" : null}]}"#.utf8)))
    }
}

/// Whatever the cuts, a screened stream says what the whole answer restored says — OpenAI chunks
/// (fast path and finish chunk), Anthropic deltas and Responses deltas alike.
@Suite struct GuardrailStreamScreenPropertyTests {
    static let answer = "Dear [EMAIL_1], write to [EMAIL_1] or [EMAIL_2]; ünïcode — [EMAIL_ ] [x] [EMAIL_9] end [EMAIL_2]"

    static func pieces(_ seed: Int) -> [String] {
        var random = SeededRandom(seed: UInt64(seed) &* 7919 &+ 3)
        var pieces: [String] = []
        var rest = Substring(answer)
        while !rest.isEmpty {
            let size = min(rest.count, Int(random.next() % 6) + 1)
            pieces.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        return pieces
    }

    static func screen(_ format: WireFormat) throws -> (GuardrailStreamScreen, String) {
        let policy = try GuardrailPolicy(json: #"{"input": {"email": "mask"}, "restore": true}"#)
        var masker = GuardrailMasker()
        _ = masker.placeholder(for: "ann@example.com", entity: .email, restorable: true)
        _ = masker.placeholder(for: #"bob"o@example.org"#, entity: .email, restorable: true)
        let expected = masker.restore(answer) ?? answer
        var session = GuardrailSession(profile: GuardrailProfile(policy, custom: []))
        session.masker = masker
        return (GuardrailStreamScreen(format: format, session: session), expected)
    }

    static func quoted(_ text: String) -> String { String(decoding: JSONScanner.encodeString(text), as: UTF8.self) }

    @Test(arguments: 0..<25)
    func openAIChunks(seed: Int) throws {
        var (screen, expected) = try Self.screen(.openAIChat)
        var out: [String] = []
        for piece in Self.pieces(seed) {
            out += screen.process(
                #"{"id":"x","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":\#(Self.quoted(piece))},"finish_reason":null}]}"#
            )
        }
        out += screen.process(#"{"id":"x","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#)
        out += screen.process("[DONE]")
        let text = out.compactMap { event -> String? in
            guard case .array(let choices)? = GuardrailStreamScreen.decode(event)?["choices"] else { return nil }
            return choices.first?["delta"]?["content"]?.stringValue
        }.joined()
        #expect(text == expected)
        #expect(out.last == "[DONE]")
    }

    @Test(arguments: 0..<25)
    func anthropicDeltas(seed: Int) throws {
        var (screen, expected) = try Self.screen(.anthropicMessages)
        var out: [(event: String, name: String?)] = []
        out += screen.process(
            #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#, name: "content_block_start")
        for piece in Self.pieces(seed) {
            out += screen.process(
                #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":\#(Self.quoted(piece))}}"#,
                name: "content_block_delta")
        }
        out += screen.process(#"{"type":"content_block_stop","index":0}"#, name: "content_block_stop")
        out += screen.process(#"{"type":"message_stop"}"#, name: "message_stop")
        let text = out.compactMap { GuardrailStreamScreen.decode($0.event)?["delta"]?["text"]?.stringValue }.joined()
        #expect(text == expected)
        #expect(out.allSatisfy { $0.name == GuardrailStreamScreen.decode($0.event)?["type"]?.stringValue }, "every event named by its type")
        #expect(out.last?.name == "message_stop")
    }

    @Test(arguments: 0..<25)
    func responsesDeltas(seed: Int) throws {
        var (screen, expected) = try Self.screen(.openAIResponses)
        var out: [String] = []
        var number = 0
        for piece in Self.pieces(seed) {
            number += 1
            out += screen.process(
                #"{"type":"response.output_text.delta","item_id":"m","output_index":0,"content_index":0,"delta":\#(Self.quoted(piece)),"sequence_number":\#(number)}"#
            )
        }
        out += screen.process(
            #"{"type":"response.output_text.done","item_id":"m","output_index":0,"content_index":0,"text":\#(Self.quoted(Self.answer)),"sequence_number":\#(number + 1)}"#
        )
        let objects = out.compactMap { GuardrailStreamScreen.decode($0) }
        let text = objects.filter { $0["type"]?.stringValue == "response.output_text.delta" }.compactMap { $0["delta"]?.stringValue }
            .joined()
        #expect(text == expected)
        #expect(objects.last?["text"]?.stringValue == expected, "the done event's whole text restored too")
        #expect(objects.compactMap { $0["sequence_number"]?.intValue } == Array(1...objects.count))
    }
}
