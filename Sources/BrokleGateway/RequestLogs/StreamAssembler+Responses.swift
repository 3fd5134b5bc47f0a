import Foundation

/// Responses API events assembled: the `response` of its last event (`response.completed`,
/// `response.incomplete` or `response.failed`, which holds the whole answer); until it comes, the
/// text deltas, for a stream cut before it. Once it has come the deltas are let go: one copy.
struct ResponsesStreamAnswer {
    var response: Data?
    /// The last `response` seen (`response.created`, `.in_progress`) before the final one.
    var started: Data?
    var text = ""

    private static let textDelta = StreamEventScan.needle(#""type":"response.output_text.delta""#)
    private static let delta = StreamEventScan.needle(#""delta":""#)
    private static let responseEvent = StreamEventScan.needle(#""type":"response."#)
    /// The events that carry a `response`, decoded.
    private static let decoded = [
        #""type":"response.completed""#, #""type":"response.incomplete""#, #""type":"response.failed""#,
        #""type":"response.created""#, #""type":"response.in_progress""#,
    ].map { Array($0.utf8) }

    /// Takes a text delta, or passes over an event with nothing to keep (the last event holds the
    /// whole answer); false for an event that carries a `response` or an error, which is decoded.
    mutating func takePlain(_ bytes: UnsafeRawBufferPointer, budget: inout ContentBudget) -> Bool {
        if StreamEventScan.contains(Self.textDelta, in: bytes) {
            guard response == nil else { return true }
            guard let piece = StreamEventScan.plainString(after: Self.delta, in: bytes) else { return false }
            budget.append(piece, to: &text)
            return true
        }
        guard StreamEventScan.contains(Self.responseEvent, in: bytes) else { return false }
        return !Self.decoded.contains { StreamEventScan.contains($0, in: bytes) }
    }

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
