import NIOCore

/// Writes SSE events the way OpenAI does: `data: <payload>\n\n`.
public enum SSEWriter {
    public static func event(_ data: String) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(data.utf8.count + 8)
        buffer.writeString("data: ")
        buffer.writeString(data)
        buffer.writeString("\n\n")
        return buffer
    }

    public static let done = event("[DONE]")
}
