@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import NIOCore
import Testing

/// The mock's turn in an agent loop: offered tools, it calls one with arguments drawn from the
/// prompt; given the tool's result, it cites it; without tools it answers as it always did.
@Suite struct MockToolCallTests {
    /// get_weather requires city (string), unit (enum) and days (integer); get_time requires nothing.
    static let tools = #"""
        [{"type":"function","function":{"name":"get_weather","description":"Weather for a city","parameters":{"type":"object",
          "properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]},"days":{"type":"integer"},
                        "verbose":{"type":"boolean"}},
          "required":["city","unit","days"]}}},
         {"type":"function","function":{"name":"get_time","parameters":{"type":"object",
          "properties":{"zone":{"type":"string"},"precise":{"type":"boolean"},"offset":{"type":"number"},"tags":{"type":"array"},"extra":{"type":"object"}}}}}]
        """#

    static func body(_ messages: String, tools: String? = Self.tools, choice: String? = nil) -> String {
        var fields = [#""model":"mock-chat""#, #""messages":\#(messages)"#]
        if let tools { fields.append(#""tools":\#(tools)"#) }
        if let choice { fields.append(#""tool_choice":\#(choice)"#) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    static func user(_ text: String) -> String { #"[{"role":"user","content":\#(MockResponses.string(text))}]"# }

    static func send(_ body: String, stream: Bool = false, includeUsage: Bool = false, requestID: String = "req-1") async throws
        -> UpstreamReply
    {
        try await MockProvider(name: "mock", settings: .init()).send(
            UpstreamRequest(
                endpoint: .chatCompletions, body: ByteBuffer(string: body), upstreamModel: "mock-chat", stream: stream,
                includeUsage: includeUsage, requestID: requestID))
    }

    /// The whole answer, `created` left out (it is the clock's).
    static func whole(_ body: String, requestID: String = "req-1") async throws -> JSONValue {
        guard case .complete(let status, let bytes, _) = try await send(body, requestID: requestID) else {
            Issue.record("a stream for a whole request")
            return .null
        }
        #expect(status == 200, "\(String(buffer: bytes))")
        guard case .object(var answer) = try JSONDecoder().decode(JSONValue.self, from: Data(String(buffer: bytes).utf8)) else {
            return .null
        }
        answer["created"] = nil
        return .object(answer)
    }

    /// Each SSE event's data: parsed JSON, or the string `[DONE]`.
    static func streamed(_ body: String, includeUsage: Bool) async throws -> [JSONValue] {
        guard case .stream(let chunks) = try await send(body, stream: true, includeUsage: includeUsage) else {
            Issue.record("a whole answer for a streamed request")
            return []
        }
        var text = ""
        for try await chunk in chunks { text += String(buffer: chunk) }
        return try text.components(separatedBy: "\n\n").filter { !$0.isEmpty }.map { event in
            let data = try #require(event.hasPrefix("data: ") ? String(event.dropFirst(6)) : nil, "\(event)")
            return data == "[DONE]" ? .string(data) : try JSONDecoder().decode(JSONValue.self, from: Data(data.utf8))
        }
    }

    static func call(in answer: JSONValue) -> JSONValue? { answer["choices"]?.elements.first?["message"]?["tool_calls"]?.elements.first }

    static func arguments(of call: JSONValue?) throws -> JSONValue {
        let text = try #require(call?["function"]?["arguments"]?.stringValue)
        return try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test func offeredToolsTheMockCallsTheFirstWithArgumentsFromThePrompt() async throws {
        let answer = try await Self.whole(Self.body(Self.user("  Weather in Paris for 3 days?  ")))
        let choice = try #require(answer["choices"]?.elements.first)
        #expect(choice["finish_reason"] == .string("tool_calls"))
        #expect(choice["message"]?["role"] == .string("assistant"))
        #expect(choice["message"]?["content"] == .null)
        #expect(choice["message"]?["tool_calls"]?.elements.count == 1)
        let call = try #require(Self.call(in: answer))
        #expect(call["type"] == .string("function"))
        #expect(call["function"]?["name"] == .string("get_weather"))
        // The required properties only, in `required`'s order: the prompt trimmed, the enum's first
        // value, the number in the prompt.
        #expect(call["function"]?["arguments"] == .string(#"{"city":"Weather in Paris for 3 days?","unit":"celsius","days":3}"#))
        #expect(answer["usage"]?["prompt_tokens"] == .int(12))
        #expect((answer["usage"]?["completion_tokens"]?.intValue ?? 0) > 1)

        // The call id comes from the request id: a retry keeps it, another request gets another.
        let id = try #require(call["id"]?.stringValue)
        #expect(id.hasPrefix("call_") && id.count == 29)
        let again = try await Self.whole(Self.body(Self.user("Something else")), requestID: "req-1")
        #expect(Self.call(in: again)?["id"] == .string(id))
        let other = try await Self.whole(Self.body(Self.user("Weather in Paris for 3 days?")), requestID: "req-2")
        #expect(Self.call(in: other)?["id"]?.stringValue?.hasPrefix("call_") == true)
        #expect(Self.call(in: other)?["id"] != .string(id))
    }

    @Test func toolChoiceNamesTheToolCalled() async throws {
        let choice = #"{"type":"function","function":{"name":"get_time"}}"#
        let answer = try await Self.whole(Self.body(Self.user("What time is it 2.5 hours from now?"), choice: choice))
        let call = try #require(Self.call(in: answer))
        #expect(call["function"]?["name"] == .string("get_time"))
        // No `required`: every property, by name.
        #expect(
            try Self.arguments(of: call)
                == .object([
                    "extra": .object([:]), "offset": .double(2.5), "precise": .bool(true), "tags": .array([]),
                    "zone": .string("What time is it 2.5 hours from now?"),
                ]))
        #expect(call["function"]?["arguments"]?.stringValue?.hasPrefix(#"{"extra":{},"offset":2.5,"#) == true)

        // A name no tool has, "auto", "required" and choices the mock cannot read all get the first tool.
        for other in [#"{"type":"function","function":{"name":"nope"}}"#, #""auto""#, #""required""#, "7", #"{"function":3}"#] {
            let answer = try await Self.whole(Self.body(Self.user("Weather?"), choice: other))
            #expect(Self.call(in: answer)?["function"]?["name"] == .string("get_weather"), "\(other)")
        }
    }

    @Test func withToolChoiceNoneOrOddToolsTheAnswerIsTheUsualText() async throws {
        let messages = Self.user("Weather in Paris for 3 days?")
        let plain = try await Self.whole(Self.body(messages, tools: nil))
        let text = try #require(plain["choices"]?.elements.first?["message"]?["content"]?.stringValue)
        #expect(text.split(separator: " ").count == 16)
        #expect(plain["choices"]?.elements.first?["finish_reason"] == .string("stop"))
        #expect(try await Self.whole(Self.body(messages, choice: #""none""#)) == plain)
        // Tools the mock cannot use are no tools; a body it can read never fails over them.
        for odd in [#""get_weather""#, "[]", #"[1,{"type":"custom","custom":{"name":"x"}},{"type":"function","function":{}}]"#, "null"] {
            #expect(try await Self.whole(Self.body(messages, tools: odd)) == plain, "\(odd)")
        }
    }

    @Test(arguments: [#""18°C and sunny""#, #"[{"type":"text","text":"18°C"},{"type":"text","text":"and sunny"}]"#])
    func aToolResultGetsTextCitingIt(content: String) async throws {
        let messages = #"""
            [{"role":"user","content":"Weather in Paris?"},
             {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"call_1","content":\#(content)}]
            """#
        let answer = try await Self.whole(Self.body(messages))
        let choice = try #require(answer["choices"]?.elements.first)
        #expect(choice["message"]?["content"] == .string("The tool returned: 18°C and sunny"))
        #expect(choice["message"]?["tool_calls"] == nil)
        #expect(choice["finish_reason"] == .string("stop"))
        #expect(answer["usage"]?["completion_tokens"] == .int(6))

        // A new question after the result: another call.
        let next = messages.dropLast() + #",{"role":"user","content":"And Lyon?"}]"#
        let call = Self.call(in: try await Self.whole(Self.body(String(next))))
        #expect(try Self.arguments(of: call)["city"] == .string("And Lyon?"))
    }

    @Test func aLongOrEmptyToolResultIsCappedOrSaidToBeEmpty() async throws {
        func answer(toResult content: String) async throws -> JSONValue? {
            let messages =
                #"[{"role":"user","content":"Go"},{"role":"tool","tool_call_id":"c","content":\#(MockResponses.string(content))}]"#
            return try await Self.whole(Self.body(messages))["choices"]?.elements.first?["message"]?["content"]
        }
        let long = String(repeating: "é", count: 300)
        #expect(try await answer(toResult: long) == .string("The tool returned: " + String(repeating: "é", count: 200) + "…"))
        #expect(try await answer(toResult: " \n ") == .string("The tool returned nothing."))
    }

    @Test(arguments: [true, false])
    func aStreamedCallComesInArgumentFragments(includeUsage: Bool) async throws {
        let body = Self.body(Self.user("Weather in Paris for 3 days? It is for a long trip"))
        let whole = try await Self.whole(body)
        let events = try await Self.streamed(body, includeUsage: includeUsage)
        #expect(events.last == .string("[DONE]"))
        let chunks = events.dropLast()
        #expect(chunks.allSatisfy { $0["object"] == .string("chat.completion.chunk") && $0["id"] == whole["id"] })

        let first = try #require(chunks.first?["choices"]?.elements.first?["delta"])
        #expect(first["role"] == .string("assistant"))
        let opening = try #require(first["tool_calls"]?.elements.first)
        #expect(opening["index"] == .int(0) && opening["type"] == .string("function"))
        #expect(opening["id"] == Self.call(in: whole)?["id"])
        #expect(opening["function"] == .object(["name": .string("get_weather"), "arguments": .string("")]))

        let fragments = chunks.dropFirst().compactMap { chunk -> String? in
            let call = chunk["choices"]?.elements.first?["delta"]?["tool_calls"]?.elements.first
            #expect(call?["id"] == nil && call?["function"]?["name"] == nil)
            return call?["index"] == .int(0) ? call?["function"]?["arguments"]?.stringValue : nil
        }
        #expect(fragments.count > 3)
        #expect(fragments.joined() == Self.call(in: whole)?["function"]?["arguments"]?.stringValue)

        let finishes = chunks.compactMap { $0["choices"]?.elements.first?["finish_reason"] }.filter { $0 != .null }
        #expect(finishes == [.string("tool_calls")])
        let usage = chunks.filter { $0["choices"] == .array([]) }
        if includeUsage {
            #expect(usage.count == 1 && usage.first == chunks.last)
            #expect(usage.first?["usage"] == whole["usage"])
            #expect(whole["usage"]?["completion_tokens"] == .int(fragments.count))
            #expect(chunks.dropLast().allSatisfy { $0["usage"] == .null })
        } else {
            #expect(usage.isEmpty)
            #expect(chunks.allSatisfy { $0["usage"] == nil })
        }
    }

    @Test(arguments: [
        (#"{"type":"integer"}"#, "Flights after mid-2024", "2024"),
        (#"{"type":"integer"}"#, "It is -5 outside, 3.5 days left", "-5"),
        (#"{"type":"number"}"#, "about 3.25 km", "3.25"),
        (#"{"type":"number"}"#, "no numbers here", "1"),
        (#"{"type":"integer"}"#, "99999999999999999999 stars", "1"),
        (#"{"type":["null","integer"]}"#, "7 of them", "7"),
        (#"{"anyOf":[{"type":"null"},{"type":"boolean"}]}"#, "x", "true"),
        (#"{"enum":[2,"b"]}"#, "x", "2"),
        (#"{"const":{"b":1,"a":[true]}}"#, "x", #"{"a":[true],"b":1}"#),
        (#"{"properties":{}}"#, "x", "{}"),
        (#"{}"#, #"say "hi""#, #""say \"hi\"""#),
    ])
    func propertiesAreDrawnFromThePromptByTheirSchema(schema: String, prompt: String, value: String) throws {
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(schema.utf8))
        #expect(MockToolArguments.value(decoded, prompt: prompt) == value)
    }

    @Test func oddSchemasStillGiveAJSONObject() async throws {
        let tools = #"[{"function":{"name":"a","parameters":{"properties":[],"required":[1,"q","q"]}}},{"function":{"name":"b"}}]"#
        let long = String(repeating: "word ", count: 100)
        let answer = try await Self.whole(Self.body(Self.user(long), tools: tools))
        let call = Self.call(in: answer)
        #expect(call?["function"]?["name"] == .string("a"))
        let q = try #require(try Self.arguments(of: call)["q"]?.stringValue)
        #expect(q.count == MockToolTurn.maxCopied && long.hasPrefix(q))
        #expect(try Self.arguments(of: call).objectKeys == ["q"])
        let noSchema = try await Self.whole(
            Self.body(Self.user("hi"), tools: tools, choice: #"{"type":"function","function":{"name":"b"}}"#))
        #expect(Self.call(in: noSchema)?["function"]?["arguments"] == .string("{}"))
    }
}

extension JSONValue {
    fileprivate var objectKeys: [String] { if case .object(let fields) = self { fields.keys.sorted() } else { [] } }
}
