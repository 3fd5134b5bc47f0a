/// The fast path of ``AnthropicStreamEncoder`` for the chunk nearly every stream is made of: one
/// choice whose delta is a piece of text (``ChatChunkText``), while a text block is open. Its text
/// is copied as it is written (no escapes in it: the same bytes the encoder would write) into a
/// `content_block_delta` event written by hand, where the general path decodes the chunk into
/// values and encodes the event back (some 300 allocations a chunk). The bytes are the same as the
/// general path's; any other chunk takes the general path.
extension AnthropicStreamEncoder {
    /// The `content_block_delta` event for block `index` with `text` (a JSON string as written),
    /// keys sorted as ``AnthropicWire/encode(_:)`` writes them.
    static func textDeltaEvent(index: Int, text: ArraySlice<UInt8>) -> [UInt8] {
        let head: StaticString = "event: content_block_delta\ndata: {\"delta\":{\"text\":"
        let middle: StaticString = ",\"type\":\"text_delta\"},\"index\":"
        let tail: StaticString = ",\"type\":\"content_block_delta\"}\n\n"
        var out: [UInt8] = []
        out.reserveCapacity(head.utf8CodeUnitCount + text.count + middle.utf8CodeUnitCount + 20 + tail.utf8CodeUnitCount)
        out.append(contentsOf: UnsafeBufferPointer(start: head.utf8Start, count: head.utf8CodeUnitCount))
        out.append(contentsOf: text)
        out.append(contentsOf: UnsafeBufferPointer(start: middle.utf8Start, count: middle.utf8CodeUnitCount))
        out.append(contentsOf: String(index).utf8)
        out.append(contentsOf: UnsafeBufferPointer(start: tail.utf8Start, count: tail.utf8CodeUnitCount))
        return out
    }
}
