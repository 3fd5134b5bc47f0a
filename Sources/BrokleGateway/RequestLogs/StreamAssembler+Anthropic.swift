import Foundation

/// Anthropic message events assembled: `message_start`'s message, each content block from its
/// `content_block_start` with its deltas joined, and `message_delta`'s stop reason and usage.
struct AnthropicStreamAnswer: Sendable {
    struct Block: Sendable {
        /// The block as `content_block_start` gave it, as JSON.
        var start: Data?
        var text = ""
        var json = ""
        var thinking = ""
        var signature = ""
    }

    var message: Data?
    var blocks: [Int: Block] = [:]
    var stopReason: String?
    var stopSequence: String?
    var usage: Data?

    mutating func take(_ event: [String: Any], budget: inout ContentBudget) {
        switch event["type"] as? String {
        case "message_start":
            message = JSONFragment.data(event["message"])
        case "content_block_start":
            let index = event["index"] as? Int ?? blocks.count
            blocks[index, default: Block()].start = JSONFragment.data(event["content_block"])
        case "content_block_delta":
            let index = event["index"] as? Int ?? max(0, blocks.count - 1)
            guard let delta = event["delta"] as? [String: Any] else { return }
            var block = blocks[index] ?? Block()
            if let piece = delta["text"] as? String { budget.append(piece, to: &block.text) }
            if let piece = delta["partial_json"] as? String { budget.append(piece, to: &block.json) }
            if let piece = delta["thinking"] as? String { budget.append(piece, to: &block.thinking) }
            if let piece = delta["signature"] as? String { block.signature += piece }
            blocks[index] = block
        case "message_delta":
            let delta = event["delta"] as? [String: Any]
            if let reason = delta?["stop_reason"] as? String { stopReason = reason }
            if let sequence = delta?["stop_sequence"] as? String { stopSequence = sequence }
            if let usage = JSONFragment.data(event["usage"]) { self.usage = usage }
        default:
            return
        }
    }

    func answer() -> [String: Any] {
        var answer = JSONFragment.value(message) as? [String: Any] ?? ["type": "message", "role": "assistant"]
        answer["content"] = blocks.keys.sorted().map { index -> [String: Any] in
            let block = blocks[index]!
            var kept = JSONFragment.value(block.start) as? [String: Any] ?? ["type": "text"]
            switch kept["type"] as? String {
            case "text": kept["text"] = block.text
            case "tool_use", "server_tool_use":
                kept["input"] =
                    block.json.isEmpty
                    ? (kept["input"] ?? [String: Any]())
                    : (try? JSONSerialization.jsonObject(with: Data(block.json.utf8), options: [.fragmentsAllowed])) ?? block.json
            case "thinking":
                kept["thinking"] = block.thinking
                if !block.signature.isEmpty { kept["signature"] = block.signature }
            default:
                if !block.text.isEmpty { kept["text"] = block.text }
            }
            return kept
        }
        if let stopReason { answer["stop_reason"] = stopReason }
        if let stopSequence { answer["stop_sequence"] = stopSequence }
        if let delta = JSONFragment.value(usage) as? [String: Any] {
            var usage = answer["usage"] as? [String: Any] ?? [:]
            for (key, value) in delta where !(value is NSNull) { usage[key] = value }
            answer["usage"] = usage
        }
        return answer
    }
}
