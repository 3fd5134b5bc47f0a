/// Anthropic message events assembled: `message_start`'s message, each content block from its
/// `content_block_start` with its deltas joined, and `message_delta`'s stop reason and usage.
/// Each event is read in place (``EventJSON``); objects are kept as they came, text as kept string
/// text (``JSONText``). Blocks are references, so a delta is appended where it is kept.
struct AnthropicStreamAnswer {
    final class Block {
        let index: Int
        /// The block as `content_block_start` gave it, as it came.
        var start: [UInt8]?
        var text: [UInt8] = []
        var json: [UInt8] = []
        var thinking: [UInt8] = []
        var signature: [UInt8] = []

        init(index: Int) {
            self.index = index
        }
    }

    /// `message_start`'s message, as it came.
    var message: [UInt8]?
    var blocks: [Block] = []
    var stopReason: [UInt8]?
    var stopSequence: [UInt8]?
    /// `message_delta`'s usage, as it came.
    var usage: [UInt8]?

    /// Takes one event (the members of its top-level object, `event`); an error event
    /// (its `error`) is the caller's. Objects longer than `limit` (the capture's cap) are not kept.
    mutating func take(_ json: EventJSON, _ event: Range<Int>, budget: inout ContentBudget, error: inout Range<Int>?) -> Bool {
        var type: Range<Int>?, index: Range<Int>?, delta: Range<Int>?, message: Range<Int>?, block: Range<Int>?
        var usage: Range<Int>?
        let readable = json.forEachMember(of: event) { key, value in
            if json.matches(key, "type") {
                type = json.stringContent(value)
            } else if json.matches(key, "error") {
                if json.isValue(value) { error = value }
            } else if json.matches(key, "delta") {
                delta = value
            } else if json.matches(key, "index") {
                index = value
            } else if json.matches(key, "content_block") {
                block = value
            } else if json.matches(key, "message") {
                message = value
            } else if json.matches(key, "usage") {
                usage = value
            }
        }
        guard readable, error == nil, let type else { return readable }
        if json.matches(type, "content_block_delta") {
            guard let delta, json.isObject(delta) else { return true }
            take(delta: delta, of: self.block(json.integer(index) ?? max(0, blocks.count - 1)), json, budget: &budget)
        } else if json.matches(type, "content_block_start") {
            self.block(json.integer(index) ?? blocks.count).start = Self.kept(json, block, limit: budget.limit)
        } else if json.matches(type, "message_start") {
            self.message = Self.kept(json, message, limit: budget.limit)
        } else if json.matches(type, "message_delta") {
            if let delta, json.isObject(delta) {
                json.forEachMember(of: delta) { key, value in
                    if json.matches(key, "stop_reason"), let reason = json.text(value) {
                        stopReason = reason
                    } else if json.matches(key, "stop_sequence"), let sequence = json.text(value) {
                        stopSequence = sequence
                    }
                }
            }
            if let kept = Self.kept(json, usage, limit: budget.limit) { self.usage = kept }
        }
        return true
    }

    private func take(delta: Range<Int>, of block: Block, _ json: EventJSON, budget: inout ContentBudget) {
        json.forEachMember(of: delta) { key, value in
            guard let piece = json.stringContent(value) else { return }
            if json.matches(key, "text") {
                budget.append(json.slice(piece), to: &block.text)
            } else if json.matches(key, "partial_json") {
                budget.append(json.slice(piece), to: &block.json)
            } else if json.matches(key, "thinking") {
                budget.append(json.slice(piece), to: &block.thinking)
            } else if json.matches(key, "signature") {
                JSONText.append(json.slice(piece), to: &block.signature)
            }
        }
    }

    var retainedBytes: Int {
        blocks.reduce((message?.count ?? 0) + (usage?.count ?? 0)) { total, block in
            total + (block.start?.count ?? 0) + block.text.count + block.json.count + block.thinking.count + block.signature.count
        }
    }

    private mutating func block(_ index: Int) -> Block {
        var position = 0
        while position < blocks.count {
            if blocks[position].index == index { return blocks[position] }
            position += 1
        }
        let block = Block(index: index)
        blocks.append(block)
        return block
    }

    /// The object at `value` as it came; nil when there is none, or it is longer than `limit`.
    static func kept(_ json: EventJSON, _ value: Range<Int>?, limit: Int) -> [UInt8]? {
        guard let value, json.isObject(value), value.count <= limit else { return nil }
        return Array(json.slice(value))
    }
}
