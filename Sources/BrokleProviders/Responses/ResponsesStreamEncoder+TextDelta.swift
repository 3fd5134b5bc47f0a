/// The fast path of ``ResponsesStreamEncoder`` for the chunk nearly every stream is made of: one
/// choice whose delta is a piece of text (``ChatChunkText``), while the message's text part is
/// open. Its `response.output_text.delta` event is written by hand, the text copied as the chunk
/// wrote it (no escapes or control characters in it: what the encoder would write), where the
/// general path decodes the chunk into values and encodes the event back with `JSONEncoder`. The
/// bytes, keys in the same sorted order, are the general path's; the text is kept as it would
/// keep it. Any other chunk, or a chunk in any other state, takes the general path.
extension ResponsesStreamEncoder {
    /// The event for `chatEventData` when it is a plain text delta of the open text part; nil
    /// otherwise (nothing changed).
    mutating func fastTextDelta(_ chatEventData: String) -> [UInt8]? {
        // The open message's fields are read one by one: a copy of the whole message would share
        // its text's storage, and the append below would then copy it.
        guard started, message?.part == .text, let outputIndex = message?.index, let contentIndex = message?.parts.count,
            let itemID = message?.id, !itemID.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }),
            let written = ChatChunkText.plainText(in: chatEventData),
            let text = String(validating: written.dropFirst().dropLast(), as: UTF8.self)
        else { return nil }
        message?.text += text
        defer { sequence += 1 }
        return Self.textDeltaEvent(
            contentIndex: contentIndex, delta: written, itemID: itemID, outputIndex: outputIndex, sequence: sequence)
    }

    /// A `response.output_text.delta` event with `delta` (a JSON string as written) and an
    /// `itemID` that needs no escapes, keys sorted as ``ResponsesJSON/encode(_:)`` writes them.
    static func textDeltaEvent(contentIndex: Int, delta: ArraySlice<UInt8>, itemID: String, outputIndex: Int, sequence: Int) -> [UInt8] {
        let head: StaticString = "event: response.output_text.delta\ndata: {\"content_index\":"
        let beforeDelta: StaticString = ",\"delta\":"
        let beforeID: StaticString = ",\"item_id\":\""
        let beforeOutputIndex: StaticString = "\",\"logprobs\":[],\"output_index\":"
        let beforeSequence: StaticString = ",\"sequence_number\":"
        let tail: StaticString = ",\"type\":\"response.output_text.delta\"}\n\n"
        var out: [UInt8] = []
        out.reserveCapacity(
            head.utf8CodeUnitCount + beforeDelta.utf8CodeUnitCount + delta.count + beforeID.utf8CodeUnitCount + itemID.utf8.count
                + beforeOutputIndex.utf8CodeUnitCount + beforeSequence.utf8CodeUnitCount + tail.utf8CodeUnitCount + 60)
        func append(_ text: StaticString) {
            out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        append(head)
        out.append(contentsOf: String(contentIndex).utf8)
        append(beforeDelta)
        out.append(contentsOf: delta)
        append(beforeID)
        out.append(contentsOf: itemID.utf8)
        append(beforeOutputIndex)
        out.append(contentsOf: String(outputIndex).utf8)
        append(beforeSequence)
        out.append(contentsOf: String(sequence).utf8)
        append(tail)
        return out
    }
}
