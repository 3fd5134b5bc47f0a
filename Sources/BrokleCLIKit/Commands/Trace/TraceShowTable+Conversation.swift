import BrokleCore
import Foundation

extension TraceShowTable {
    /// The captured content as a conversation: each message `role: text`, tool calls and results on
    /// lines of their own, then the answer. A request or answer of an unknown shape, or one cut at
    /// the byte cap (no longer JSON), is printed as its raw text.
    static func conversation(_ content: TraceContent?) -> [String] {
        guard let content else { return ["", "CONTENT     not captured (off for this scope, or past BROKLE_CONTENT_RETENTION)"] }
        var lines = ["", heading("CONVERSATION", [content.mode.rawValue] + cut("request", content.request, content.requestBytes))]
        let request = TraceShowRow.Content.value(content.request)
        if let asked = TraceConversation(request: request) {
            lines += asked.messages.flatMap(render)
        } else {
            lines += raw(content.request)
        }
        guard let response = content.response else { return lines + ["", "ANSWER      none reached the client"] }
        lines += ["", heading("ANSWER", cut("response", response, content.responseBytes ?? 0))]
        if let answer = TraceConversation.answer(TraceShowRow.Content.value(response)) {
            lines += answer.flatMap(render)
        } else {
            lines += raw(response)
        }
        return lines
    }

    static func heading(_ title: String, _ notes: [String]) -> String {
        notes.isEmpty ? title : title + " (" + notes.joined(separator: "; ") + ")"
    }

    /// A note when the stored text is shorter than the original (cut at the capture's byte cap).
    static func cut(_ what: String, _ text: String, _ bytes: Int) -> [String] {
        bytes > text.utf8.count ? ["\(what) cut at \(text.utf8.count) of \(bytes) bytes"] : []
    }

    /// `role: text` — a text's further lines indented under it; tool calls and results each a line.
    static func render(_ message: TraceConversation.Message) -> [String] {
        let role = TerminalText.safe(message.role, singleLine: true)
        let parts = message.parts.isEmpty ? [TraceConversation.Part.note("(empty)")] : message.parts
        return parts.flatMap { part -> [String] in
            let text: String
            switch part {
            case .text(let value): text = value
            case .note(let value): text = value
            case .toolCall(let name, let arguments): text = "→ \(name)(\(arguments))"
            case .toolResult(let callID, let value): text = "← " + (callID.map { "[\($0)] " } ?? "") + value
            }
            return indented(role + ": ", TerminalText.safe(text))
        }
    }

    /// `text`'s lines, the first after `prefix`, the others indented as far.
    static func indented(_ prefix: String, _ text: String) -> [String] {
        let pad = String(repeating: " ", count: min(prefix.count, 12))
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            (index == 0 ? prefix : pad) + line
        }
    }

    static func raw(_ text: String) -> [String] {
        TerminalText.safe(text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
