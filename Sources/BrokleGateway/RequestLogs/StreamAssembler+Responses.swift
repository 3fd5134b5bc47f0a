import Foundation

/// Responses API events assembled: the `response` of its last event (`response.completed`,
/// `response.incomplete` or `response.failed`, which holds the whole answer); until it comes, the
/// text deltas, for a stream cut before it. Once it has come the deltas are let go: one copy.
/// Events that carry a `response` are kept as they came and decoded once, when the answer is made.
struct ResponsesStreamAnswer {
    /// The last event, as it came.
    var final: Data?
    /// The last `response.created` or `.in_progress` event before it, as it came.
    var started: Data?
    var text = ""

    private static let textDelta = StreamEventScan.needle(#""type":"response.output_text.delta""#)
    private static let delta = StreamEventScan.needle(#""delta":""#)
    private static let responseEvent = StreamEventScan.needle(#""type":"response."#)
    private static let last = [#""type":"response.completed""#, #""type":"response.incomplete""#, #""type":"response.failed""#].map {
        Array($0.utf8)
    }
    private static let first = [#""type":"response.created""#, #""type":"response.in_progress""#].map { Array($0.utf8) }

    /// Takes a text delta or an event that carries a `response`, or passes over an event with
    /// nothing to keep; false for any other event (an error), which is decoded.
    mutating func takePlain(_ bytes: UnsafeRawBufferPointer, budget: inout ContentBudget) -> Bool {
        if StreamEventScan.contains(Self.textDelta, in: bytes) {
            guard final == nil else { return true }
            guard let piece = StreamEventScan.plainString(after: Self.delta, in: bytes) else { return false }
            budget.append(piece, to: &text)
            return true
        }
        guard StreamEventScan.contains(Self.responseEvent, in: bytes) else { return false }
        if Self.last.contains(where: { StreamEventScan.contains($0, in: bytes) }) {
            final = Data(bytes)
            text = ""
        } else if Self.first.contains(where: { StreamEventScan.contains($0, in: bytes) }) {
            started = Data(bytes)
        }
        return true
    }

    /// Events not written as the scan reads them (a space after a colon), decoded.
    mutating func take(_ event: [String: Any], budget: inout ContentBudget) {
        switch event["type"] as? String {
        case "response.completed", "response.incomplete", "response.failed":
            final = JSONFragment.data(event)
            text = ""
        case "response.created", "response.in_progress":
            started = JSONFragment.data(event)
        case "response.output_text.delta":
            if final == nil, let piece = event["delta"] as? String { budget.append(piece, to: &text) }
        default:
            return
        }
    }

    static func response(of event: Data?) -> [String: Any]? {
        (JSONFragment.value(event) as? [String: Any])?["response"] as? [String: Any]
    }

    func answer() -> [String: Any] {
        if let whole = Self.response(of: final) { return whole }
        var answer = Self.response(of: started) ?? ["object": "response"]
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
