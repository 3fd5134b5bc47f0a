import NIOCore

/// Writes SSE events the way OpenAI does: `data: <payload>\n\n`.
package enum SSEWriter {
    package static func event(_ data: String) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(data.utf8.count + 8)
        buffer.writeString("data: ")
        buffer.writeString(data)
        buffer.writeString("\n\n")
        return buffer
    }

    package static let done = event("[DONE]")

    /// `event: <name>\ndata: <payload>\n\n`, the way Anthropic names each event (no name: as OpenAI).
    package static func event(_ data: String, name: String?) -> ByteBuffer {
        guard let name else { return event(data) }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(name.utf8.count + data.utf8.count + 16)
        buffer.writeString("event: ")
        buffer.writeString(name)
        buffer.writeString("\n")
        buffer.writeImmutableBuffer(event(data))
        return buffer
    }
}
