@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import Testing

/// Chat chunk streams as the Responses events a Responses SDK accumulates into a response.
@Suite struct ResponsesStreamEncoderTests {
    static func chunk(_ choice: String, usage: String = "null") -> String {
        #"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4.1-2025-04-14","system_fingerprint":"fp_44709d6fcb","choices":[\#(choice)],"usage":\#(usage)}"#
    }
    static func delta(_ delta: String, finish: String = "null") -> String {
        chunk(#"{"index":0,"delta":\#(delta),"logprobs":null,"finish_reason":\#(finish)}"#)
    }
    static let usage = chunk(
        "",
        usage:
            #"{"prompt_tokens":9,"completion_tokens":12,"total_tokens":21,"prompt_tokens_details":{"cached_tokens":2},"completion_tokens_details":{"reasoning_tokens":4}}"#
    )
    static let usageObject =
        #""usage":{"prompt_tokens":9,"completion_tokens":12,"prompt_tokens_details":{"cached_tokens":2},"completion_tokens_details":{"reasoning_tokens":4}}"#

    static let text = [
        delta(#"{"role":"assistant","content":"","refusal":null}"#), delta(#"{"content":"Hello"}"#),
        delta(#"{"content":" there! \"Quoted\" ☃"}"#),
        delta("{}", finish: #""stop""#), usage, "[DONE]",
    ]
    static let tools = [
        delta(
            #"{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_DdmO9pD3xa9XTPNJ32zg2hcA","type":"function","function":{"name":"get_weather","arguments":""}}]}"#
        ),
        delta(#"{"tool_calls":[{"index":0,"function":{"arguments":"{\"location\":"}}]}"#),
        delta(#"{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]}"#),
        delta(#"{"tool_calls":[{"index":1,"id":"call_2","type":"function","function":{"name":"get_time","arguments":"{}"}}]}"#),
        delta("{}", finish: #""tool_calls""#), usage, "[DONE]",
    ]

    static func types(_ events: [(name: String, data: JSONValue)]) -> [String] { events.map(\.name) }

    /// What every stream must be: event names equal to their `type`, sequence numbers 0, 1, 2, ...
    static func checkFraming(_ events: [(name: String, data: JSONValue)]) {
        #expect(events.map { $0.data["type"]?.stringValue } == events.map(\.name))
        #expect(events.map { $0.data["sequence_number"] } == events.indices.map { JSONValue.int($0) })
    }

    @Test func aTextStreamIsTheDocumentedEventSequenceAndEndsAsTheWholeAnswerWould() throws {
        let (events, encoder) = try ResponsesFixtures.stream(Self.text)
        Self.checkFraming(events)
        #expect(
            Self.types(events) == [
                "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
                "response.output_text.delta", "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed",
            ])
        #expect(events[0].data["response"]?["status"] == .string("in_progress") && events[0].data["response"]?["usage"] == .null)
        #expect(events[4].data["delta"] == .string("Hello") && events[4].data["item_id"] == .string("msg_67ccd2bed1ec8190_0"))
        #expect(events[6].data["text"] == .string("Hello there! \"Quoted\" ☃"))
        let whole = try ResponsesFixtures.response(
            #"{"choices":[{"message":{"content":"Hello there! \"Quoted\" ☃"},"finish_reason":"stop"}],\#(Self.usageObject)}"#)
        #expect(events.last?.data["response"] == whole)
        #expect(try AnthropicFixtures.json(try #require(encoder.finalResponse)) == whole)
        #expect(encoder.isFinished)
    }

    @Test func theStreamsAreByteForByteTheSDKCheckedFixtures() throws {
        // These fixtures were read back with the official OpenAI Python SDK's `responses.stream`
        // accumulator (openai 3.63), which rebuilt the final response from them.
        for (payloads, fixture) in [(Self.text, "stream-text.expected.sse"), (Self.tools, "stream-tools.expected.sse")] {
            var encoder = ResponsesStreamEncoder(context: ResponsesFixtures.context())
            let bytes = payloads.flatMap { encoder.feed($0) }
            #expect(String(decoding: bytes, as: UTF8.self) == (try ResponsesFixtures.text(fixture)), "\(fixture)")
        }
    }

    @Test func toolCallsStreamAsFunctionCallItemsWithWholeArgumentsAtTheEnd() throws {
        var encoder = ResponsesStreamEncoder(context: ResponsesFixtures.context())
        var bytes: [UInt8] = []
        for payload in Self.tools { bytes += encoder.feed(payload) }
        let late = encoder.feed(Self.delta(#"{"content":"late"}"#))
        #expect(late.isEmpty, "nothing after the end")
        let events = try AnthropicFixtures.namedEvents(String(decoding: bytes, as: UTF8.self))
        Self.checkFraming(events)
        #expect(
            Self.types(events) == [
                "response.created", "response.in_progress", "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.delta", "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done", "response.function_call_arguments.done",
                "response.output_item.done", "response.completed",
            ])
        #expect(events[7].data["arguments"] == .string(#"{"location":"Paris"}"#) && events[7].data["name"] == .string("get_weather"))
        #expect(events[2].data["item"]?["arguments"] == .string("") && events[2].data["item"]?["status"] == .string("in_progress"))
        let whole = try ResponsesFixtures.response(
            #"""
            {"choices":[{"finish_reason":"tool_calls","message":{"content":null,"tool_calls":[
              {"id":"call_DdmO9pD3xa9XTPNJ32zg2hcA","type":"function","function":{"name":"get_weather","arguments":"{\"location\":\"Paris\"}"}},
              {"id":"call_2","type":"function","function":{"name":"get_time","arguments":"{}"}}]}}],\#(Self.usageObject)}
            """#)
        #expect(events.last?.data["response"] == whole)
    }

    @Test func reasoningThenTextAreTwoItemsInOrder() throws {
        let (events, encoder) = try ResponsesFixtures.stream([
            Self.delta(#"{"role":"assistant","reasoning_content":"Two and "}"#), Self.delta(#"{"reasoning_content":"two."}"#),
            Self.delta(#"{"content":"4"}"#), Self.delta("{}", finish: #""stop""#), "[DONE]",
        ])
        Self.checkFraming(events)
        #expect(
            Self.types(events).filter { $0.hasPrefix("response.reasoning_text") } == Array(
                repeating: "response.reasoning_text.delta", count: 2) + ["response.reasoning_text.done"])
        let whole = try ResponsesFixtures.response(
            #"{"choices":[{"message":{"reasoning_content":"Two and two.","content":"4"},"finish_reason":"stop"}]}"#)
        #expect(try AnthropicFixtures.json(try #require(encoder.finalResponse)) == whole)
    }

    @Test func aLengthCutStreamEndsIncomplete() throws {
        let (events, _) = try ResponsesFixtures.stream([
            Self.delta(#"{"content":"Once"}"#), Self.delta("{}", finish: #""length""#), "[DONE]",
        ])
        #expect(events.last?.name == "response.incomplete")
        #expect(events.last?.data["response"]?["incomplete_details"] == .object(["reason": .string("max_output_tokens")]))
    }

    @Test func withoutDoneAfterTheFinishReasonTheAnswerIsStillComplete() throws {
        let (events, encoder) = try ResponsesFixtures.stream(Array(Self.text.dropLast()), finish: true)
        #expect(events.last?.name == "response.completed" && encoder.finalResponse != nil)
        var finished = encoder
        let again = finished.finish() + finished.error(.internalError)
        #expect(again.isEmpty, "already finished")
    }

    @Test func aStreamCutBeforeItsFinishReasonFailsKeepingWhatCame() throws {
        let (events, encoder) = try ResponsesFixtures.stream([Self.delta(#"{"content":"Hel"}"#)], finish: true)
        Self.checkFraming(events)
        #expect(Self.types(events).suffix(2) == ["response.output_text.delta", "response.failed"])
        let response = try #require(events.last?.data["response"])
        #expect(response["status"] == .string("failed") && response["error"]?["code"] == .string("server_error"))
        guard case .array(let output)? = response["output"] else { Issue.record("no output"); return }
        #expect(output.first?["status"] == .string("incomplete") && output.first?["content"] != .array([]))
        #expect(encoder.isFinished && encoder.finalResponse == nil)
    }

    @Test func anErrorIsAnErrorEventThenResponseFailed() throws {
        var encoder = ResponsesStreamEncoder(context: ResponsesFixtures.context())
        var bytes = encoder.feed(Self.delta(#"{"content":"Hi"}"#))
        bytes += encoder.error(GatewayError(status: 429, type: "rate_limit_error", code: "rate_limit_exceeded", message: "Slow down."))
        let afterwards = encoder.feed("[DONE]")
        #expect(afterwards.isEmpty && encoder.isFinished && encoder.finalResponse == nil)
        let events = try AnthropicFixtures.namedEvents(String(decoding: bytes, as: UTF8.self))
        Self.checkFraming(events)
        #expect(Self.types(events).suffix(2) == ["error", "response.failed"])
        #expect(events[events.count - 2].data["message"] == .string("Slow down."))
        #expect(events[events.count - 2].data["code"] == .string("rate_limit_exceeded"))
        #expect(events.last?.data["response"]?["error"]?["code"] == .string("rate_limit_exceeded"))
        // An in-band error chunk from the relay ends the stream the same way.
        let (inBand, _) = try ResponsesFixtures.stream([#"{"error":{"message":"upstream broke","type":"api_error"}}"#])
        #expect(Self.types(inBand) == ["response.created", "response.in_progress", "error", "response.failed"])
    }
}
