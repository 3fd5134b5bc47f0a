/// One SSE event of a stored stream: its `event:` name (Anthropic names every event; OpenAI none)
/// and its data, as the upstream sent it. OpenAI's closing `[DONE]` is never stored: ``sseBytes(_:done:)``
/// appends it where the format needs it.
package struct ReplayEvent: Sendable, Equatable, Codable {
    package var name: String?
    package var data: String

    package init(name: String? = nil, data: String) {
        self.name = name
        self.data = data
    }

    /// The events as an upstream writes them (`event: <name>\n` when named, `data: <line>\n` per
    /// line of data, a blank line), then `data: [DONE]` when `done` (the OpenAI formats): the bytes to
    /// feed ``StreamRelay`` (or ``SSEParser``) as if they came from the upstream.
    package static func sseBytes(_ events: [ReplayEvent], done: Bool) -> [UInt8] {
        var out: [UInt8] = []
        for event in events { event.write(to: &out) }
        if done { ReplayEvent(data: "[DONE]").write(to: &out) }
        return out
    }

    private func write(to out: inout [UInt8]) {
        if let name { out += Array("event: \(name)\n".utf8) }
        for line in data.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            out += "data: ".utf8
            out += line
            out.append(0x0A)
        }
        out.append(0x0A)
    }
}
