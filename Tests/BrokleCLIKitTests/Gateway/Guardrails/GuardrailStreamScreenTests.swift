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
        return GuardrailStreamScreen(format: format, profile: GuardrailProfile(policy, custom: []), masker: masker)
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
