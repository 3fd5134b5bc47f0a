import Foundation

/// Anthropic message events assembled: `message_start`'s message, each content block from its
/// `content_block_start` with its deltas joined, and `message_delta`'s stop reason and usage.
/// Blocks are references, so a delta is appended where it is kept, never to a copy.
struct AnthropicStreamAnswer {
    final class Block {
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

    private static let blockDelta = StreamEventScan.needle(#""type":"content_block_delta""#)
    private static let textDelta = StreamEventScan.needle(#""type":"text_delta""#)
    private static let index = StreamEventScan.needle(#""index":"#)
    private static let text = StreamEventScan.needle(#""text":""#)
    private static let error = StreamEventScan.needle(#""error""#)
    /// Events with nothing to keep.
    private static let skipped = [#""type":"ping""#, #""type":"content_block_stop""#, #""type":"message_stop""#].map { Array($0.utf8) }

    /// Takes a text delta, or passes over an event with nothing to keep; false for any other
    /// event, which is decoded.
    mutating func takePlain(_ bytes: UnsafeRawBufferPointer, budget: inout ContentBudget) -> Bool {
        guard !StreamEventScan.contains(Self.error, in: bytes) else { return false }
        if StreamEventScan.contains(Self.blockDelta, in: bytes) {
            guard StreamEventScan.contains(Self.textDelta, in: bytes), let index = StreamEventScan.integer(after: Self.index, in: bytes),
                let block = blocks[index], let piece = StreamEventScan.plainString(after: Self.text, in: bytes)
            else { return false }
            budget.append(piece, to: &block.text)
            return true
        }
        return Self.skipped.contains { StreamEventScan.contains($0, in: bytes) }
    }

    mutating func take(_ event: [String: Any], budget: inout ContentBudget) {
        switch event["type"] as? String {
        case "message_start":
            message = JSONFragment.data(event["message"])
        case "content_block_start":
            let index = event["index"] as? Int ?? blocks.count
            let block = blocks[index] ?? Block()
            block.start = JSONFragment.data(event["content_block"])
            blocks[index] = block
        case "content_block_delta":
            let index = event["index"] as? Int ?? max(0, blocks.count - 1)
            guard let delta = event["delta"] as? [String: Any] else { return }
            let block = blocks[index] ?? Block()
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
