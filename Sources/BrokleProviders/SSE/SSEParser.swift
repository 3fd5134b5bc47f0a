import BrokleCore
import NIOCore

/// Incremental Server-Sent Events parser: feed it the upstream's bytes as they arrive, get back the
/// complete events (their `data` joined by newlines) as soon as each one ends. Handles events split
/// across chunks and several events in one chunk; `\n`, `\r\n` and `\r` line endings.
///
/// Bounded: no line, and no event's data, may be longer than ``maxEventBytes``. An upstream that
/// sends an endless line or event is reported (``EventTooLarge``) instead of being buffered until
/// memory runs out, and nothing after it is parsed.
package struct SSEParser: Sendable {
    /// The longest line, and the longest data of one event, accepted from an upstream: 1 MiB.
    /// Chat chunks are well under a kilobyte; a whole Gemini or Anthropic event carrying one tool
    /// call's arguments stays far below this too.
    package static let maxEventBytes = 1 << 20

    /// A line or an event's data longer than the parser's limit: the upstream is broken.
    package struct EventTooLarge: Error, Sendable, Equatable {
        package let limit: Int
    }

    private let limit: Int
    private var buffer: [UInt8] = []
    /// How much of `buffer` has been searched for a line end: a long line arriving in many chunks
    /// is searched once, not once per chunk.
    private var searched = 0
    private var dataLines: [String] = []
    /// Size of the event's data so far (its lines and the newlines that will join them).
    private var dataBytes = 0
    private var hasData = false
    private var failed = false

    package init(maxEventBytes: Int = SSEParser.maxEventBytes) {
        limit = maxEventBytes
    }

    /// Appends `chunk` and returns every event it completes.
    package mutating func feed(_ chunk: ByteBuffer) throws(EventTooLarge) -> [String] {
        try feed(chunk.readableBytesView)
    }

    /// Appends `bytes` and returns every event they complete. When they break the limit, the events
    /// completed before that point are lost with the throw; ``feed(_:into:)`` keeps them.
    package mutating func feed<Bytes: Sequence>(_ bytes: Bytes) throws(EventTooLarge) -> [String] where Bytes.Element == UInt8 {
        var events: [String] = []
        try feed(bytes, into: &events)
        return events
    }

    /// Appends `bytes`, adding every event they complete to `events`, in order. When they break the
    /// limit, `events` holds those completed before that point, then this throws (and so does every
    /// later call).
    package mutating func feed<Bytes: Sequence>(_ bytes: Bytes, into events: inout [String]) throws(EventTooLarge)
    where Bytes.Element == UInt8 {
        guard !failed else { throw EventTooLarge(limit: limit) }
        buffer.append(contentsOf: bytes)
        var lineStart = 0
        var index = searched
        while index < buffer.count {
            let byte = buffer[index]
            guard byte == 0x0A || byte == 0x0D else { index += 1; continue }
            // A lone CR at the very end might be the first half of CRLF: wait for more bytes.
            if byte == 0x0D && index + 1 == buffer.count { break }
            let line = buffer[lineStart..<index]
            index += (byte == 0x0D && buffer[index + 1] == 0x0A) ? 2 : 1
            lineStart = index
            guard line.count <= limit else { return try fail() }
            if line.isEmpty {
                if hasData { events.append(dataLines.joined(separator: "\n")) }
                dataLines.removeAll(keepingCapacity: true)
                dataBytes = 0
                hasData = false
            } else if line.starts(with: "data:".utf8) {
                var value = line.dropFirst(5)
                if value.first == 0x20 { value = value.dropFirst() }
                dataBytes += value.count + (hasData ? 1 : 0)
                guard dataBytes <= limit else { return try fail() }
                dataLines.append(String(decoding: value, as: UTF8.self))
                hasData = true
            }
            // Comments (":...") and other fields (event, id, retry) carry nothing OpenAI clients use.
        }
        // `index` stops before a lone CR or at the end: what lies before it is the line so far.
        guard index - lineStart <= limit else { return try fail() }
        buffer.removeFirst(lineStart)
        searched = index - lineStart
    }

    /// The event in progress when the stream ends without a final blank line, if any.
    package mutating func finish() throws(EventTooLarge) -> [String] {
        try feed([0x0A, 0x0A])
    }

    /// For a relay: the events `chunk` completes (nil: the upstream ended, flush what is pending)
    /// and, when the upstream broke the limit after them, the error that ends the client's stream.
    package mutating func events(in chunk: ByteBuffer?) -> (events: [String], failure: GatewayError?) {
        var events: [String] = []
        do {
            if let chunk { try feed(chunk.readableBytesView, into: &events) } else { try feed([0x0A, 0x0A], into: &events) }
            return (events, nil)
        } catch {
            return (events, .upstreamBadResponse("The provider sent a stream line or event larger than \(error.limit) bytes."))
        }
    }

    private mutating func fail() throws(EventTooLarge) {
        failed = true
        buffer = []
        dataLines = []
        throw EventTooLarge(limit: limit)
    }
}
