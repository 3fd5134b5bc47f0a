import Foundation

/// Responses API events assembled: the `response` of its last event (`response.completed`,
/// `response.incomplete` or `response.failed`, which holds the whole answer); until it comes, the
/// text deltas, for a stream cut before it. Once it has come the deltas are let go: one copy.
struct ResponsesStreamAnswer: Sendable {
    var response: Data?
    /// The last `response` seen (`response.created`, `.in_progress`) before the final one.
    var started: Data?
    var text = ""

    mutating func take(_ event: [String: Any], budget: inout ContentBudget) {
        let type = event["type"] as? String ?? ""
        switch type {
        case "response.completed", "response.incomplete", "response.failed":
            response = JSONFragment.data(event["response"])
            text = ""
        case "response.created", "response.in_progress":
            started = JSONFragment.data(event["response"])
        case "response.output_text.delta":
            if response == nil, let piece = event["delta"] as? String { budget.append(piece, to: &text) }
        default:
            return
        }
    }

    func answer() -> [String: Any] {
        if let whole = JSONFragment.value(response) as? [String: Any] { return whole }
        var answer = JSONFragment.value(started) as? [String: Any] ?? ["object": "response"]
        answer["status"] = "incomplete"
        answer["output"] = [
            [
                "type": "message", "role": "assistant",
                "content": [["type": "output_text", "text": text]],
            ] as [String: Any]
        ]
        return answer
    }
}
