@testable import BrokleCLIKit
@testable import BrokleCore
import Foundation
import Testing

/// `trace show --format table`'s conversation: the three request shapes and the stored answer
/// shapes read as `role: text` lines, unknown or cut content as raw text, and nothing a client
/// wrote reaching the terminal as a control sequence.
@Suite struct TraceShowTableTests {
    func lines(request: String, response: String?, responseBytes: Int? = nil) -> [String] {
        TraceShowTable.conversation(TraceContent(mode: .full, request: request, response: response, responseBytes: responseBytes))
    }

    @Test func openAIChatWithToolCalls() {
        let request = """
            {"model":"gpt-4o","messages":[{"role":"system","content":"Be terse."},
            {"role":"user","content":[{"type":"text","text":"Weather in Paris?"},{"type":"image_url","image_url":{"url":"data:x"}}]},
            {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
            {"role":"tool","tool_call_id":"call_1","content":"20C"}]}
            """
        let response =
            #"{"object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"It is 20C.\nSunny."}}]}"#
        #expect(
            lines(request: request, response: response) == [
                "", "CONVERSATION (full)", "system: Be terse.", "user: Weather in Paris?", "user: [image]",
                #"assistant: → weather({"city":"Paris"})"#, "tool: ← [call_1] 20C", "", "ANSWER", "assistant: It is 20C.",
                "           Sunny.",
            ])
    }

    @Test func anthropicMessagesWithToolUse() {
        let request = """
            {"model":"claude","system":[{"type":"text","text":"Be terse."}],"messages":[{"role":"user","content":"Weather?"},
            {"role":"assistant","content":[{"type":"thinking","thinking":"check"},{"type":"tool_use","id":"tu_1","name":"weather","input":{"city":"Paris"}}]},
            {"role":"user","content":[{"type":"tool_result","tool_use_id":"tu_1","content":[{"type":"text","text":"20C"}]}]}]}
            """
        let response =
            #"{"type":"message","role":"assistant","content":[{"type":"text","text":"20C."},{"type":"tool_use","name":"log","input":{}}]}"#
        #expect(
            lines(request: request, response: response) == [
                "", "CONVERSATION (full)", "system: Be terse.", "user: Weather?", "assistant: (thinking) check",
                #"assistant: → weather({"city":"Paris"})"#, "user: ← [tu_1] 20C", "", "ANSWER", "assistant: 20C.", "assistant: → log({})",
            ])
    }

    @Test func responsesInputItemsAndOutput() {
        let request = """
            {"model":"gpt-4o","instructions":"Be terse.","input":[{"role":"user","content":[{"type":"input_text","text":"Weather?"}]},
            {"type":"function_call","call_id":"c1","name":"weather","arguments":"{}"},{"type":"function_call_output","call_id":"c1","output":"20C"}]}
            """
        let response = """
            {"object":"response","status":"completed","output":[{"type":"reasoning","summary":[]},
            {"type":"message","role":"assistant","content":[{"type":"output_text","text":"20C."}]}]}
            """
        #expect(
            lines(request: request, response: response) == [
                "", "CONVERSATION (full)", "system: Be terse.", "user: Weather?", "assistant: → weather({})", "tool: ← [c1] 20C", "",
                "ANSWER", "assistant: (reasoning)", "assistant: 20C.",
            ])
        #expect(
            lines(request: #"{"model":"m","input":"Hi"}"#, response: nil) == [
                "", "CONVERSATION (full)", "user: Hi", "", "ANSWER      none reached the client",
            ])
    }

    @Test func aStreamCutShortWithAnErrorAndTruncation() {
        // An assembled stream past the cap: the stored answer is cut, so it is printed raw and marked.
        let cut = #"{"object":"chat.completion","choices":[{"message":{"role":"assistant","content":"Once upon"#
        let shown = lines(request: #"{"messages":[{"role":"user","content":"story"}]}"#, response: cut, responseBytes: 9_000)
        #expect(shown.suffix(2) == ["ANSWER (response cut at \(cut.utf8.count) of 9000 bytes)", cut])
        let failed = #"{"choices":[{"message":{"role":"assistant","content":"par"}}],"error":{"message":"upstream went away"}}"#
        #expect(lines(request: "{}", response: failed).suffix(2) == ["assistant: par", "error: upstream went away"])
        #expect(lines(request: "{}", response: nil)[2] == "{}", "an unknown request shape is printed raw")
        #expect(lines(request: #"{"input":"x"}"#, response: #"{"weird":1}"#).last == #"{"weird":1}"#)
    }

    @Test func controlSequencesArePrintedAsText() {
        let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J\rover\u{202E}txt\u{9B}31m"
        let request =
            "{\"messages\":[{\"role\":\"user\",\"content\":\(String(decoding: JSONScanner.encodeString(hostile), as: UTF8.self))}]}"
        let shown = lines(request: request, response: nil).joined(separator: "\n")
        #expect(!shown.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!shown.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x9B })
        #expect(shown.contains(#"user: \u{1B}]0;pwned\u{7}\u{1B}[2J\rover\u{202E}txt\u{9B}31m"#))
        #expect(TerminalText.safe("a\tb\nc") == "a\tb\nc")
        #expect(TerminalText.safe("a\tb\nc", singleLine: true) == #"a\tb\nc"#)
        #expect(TerminalText.safe("plain ünïcode ✓") == "plain ünïcode ✓")
    }
}
