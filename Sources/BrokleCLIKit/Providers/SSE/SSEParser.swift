import NIOCore

/// Incremental Server-Sent Events parser: feed it the upstream's bytes as they arrive, get back the
/// complete events (their `data` joined by newlines) as soon as each one ends. Handles events split
/// across chunks and several events in one chunk; `\n`, `\r\n` and `\r` line endings.
public struct SSEParser: Sendable {
    private var buffer: [UInt8] = []
    private var dataLines: [String] = []
    private var hasData = false

    public init() {}

    /// Appends `chunk` and returns every event it completes.
    public mutating func feed(_ chunk: ByteBuffer) -> [String] {
        feed(chunk.readableBytesView)
    }

    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> [String] where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        var events: [String] = []
        var lineStart = 0
        var index = 0
        while index < buffer.count {
            let byte = buffer[index]
            guard byte == 0x0A || byte == 0x0D else { index += 1; continue }
            // A lone CR at the very end might be the first half of CRLF: wait for more bytes.
            if byte == 0x0D && index + 1 == buffer.count { break }
            let line = buffer[lineStart..<index]
            index += (byte == 0x0D && buffer[index + 1] == 0x0A) ? 2 : 1
            lineStart = index
            if line.isEmpty {
                if hasData { events.append(dataLines.joined(separator: "\n")) }
                dataLines.removeAll(keepingCapacity: true)
                hasData = false
            } else if line.starts(with: "data:".utf8) {
                var value = line.dropFirst(5)
                if value.first == 0x20 { value = value.dropFirst() }
                dataLines.append(String(decoding: value, as: UTF8.self))
                hasData = true
            }
            // Comments (":...") and other fields (event, id, retry) carry nothing OpenAI clients use.
        }
        buffer.removeFirst(lineStart)
        return events
    }

    /// The event in progress when the stream ends without a final blank line, if any.
    public mutating func finish() -> [String] {
        feed([0x0A, 0x0A])
    }
}

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
