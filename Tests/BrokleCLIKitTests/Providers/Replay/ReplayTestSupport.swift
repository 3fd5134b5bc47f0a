@testable import BrokleCore
@testable import BrokleGateway
@testable import BrokleProviders
import Foundation
import NIOCore
import Testing

/// Helpers for the replay tests: answers and streams as a client sees them.
enum ReplayCheck {
    /// Bytes as JSON, to compare answers by meaning rather than by layout.
    static func json(_ bytes: [UInt8]?) throws -> JSONValue {
        try AnthropicFixtures.json(try #require(bytes))
    }

    static func json(_ text: String) throws -> JSONValue {
        try AnthropicFixtures.json(Array(text.utf8))
    }

    /// Unnamed events (OpenAI's) from SSE payloads, `[DONE]` dropped as the cache stores them.
    static func events(_ payloads: [String]) -> [ReplayEvent] {
        payloads.filter { $0 != "[DONE]" }.map { ReplayEvent(data: $0) }
    }

    /// The events of an SSE text, with their names (the parser keeps only the data).
    static func events(sse text: String) -> [ReplayEvent] {
        text.components(separatedBy: "\n\n").filter { !$0.isEmpty }.compactMap { block in
            var name: String?
            var data: String?
            for line in block.split(separator: "\n") {
                if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                if line.hasPrefix("data: ") { data = String(line.dropFirst(6)) }
            }
            guard let data, data != "[DONE]" else { return nil }
            return ReplayEvent(name: name, data: data)
        }
    }

    /// Each event read by `reader`, as the relay reads them, then the reader's end of stream.
    static func read(_ events: [ReplayEvent], with reader: some ReplyReader) throws -> [StreamEventReading] {
        var reader = reader
        var readings: [StreamEventReading] = []
        for event in events { readings.append(try reader.read(event.data)) }
        try reader.finish()
        return readings
    }

    /// What a client receives when the relay replays `bytes` (read with the reader of `kind`,
    /// written by `encoder`): the same steps as ``StreamRelay``, without the network.
    static func relay(_ bytes: [UInt8], kind: AnswerReplay.Kind, encoder: any ClientStreamEncoder) throws -> String {
        var encoder = encoder
        var reader: any ReplyReader = kind == .anthropicMessages ? AnthropicReplyReader() : OpenAIReplyReader()
        var parser = SSEParser()
        var out = ByteBuffer()
        for event in try parser.feed(bytes) + parser.finish() {
            let reading = try reader.read(event)
            if reading.isUsageOnly && !encoder.forwardsUsageChunk { continue }
            var bytes = encoder.encode(event, name: reading.name)
            out.writeBuffer(&bytes)
        }
        try reader.finish()
        var closing = encoder.finish()
        out.writeBuffer(&closing)
        return String(buffer: out)
    }

    /// The data of every `data:` line of an SSE text.
    static func payloads(_ text: String) -> [String] {
        text.split(separator: "\n").filter { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
    }

    /// Texts that must not be corrupted when cut: accents, emoji with skin tone and joiners, CJK,
    /// combining marks, a flag, a line break and quotes.
    static let unicode = "Grüße 👋🏽 日本語テキスト e\u{301}\u{302}a\u{308} 👨‍👩‍👧‍👦 🇫🇷 \"quoted\"\nline\ttab \\ done"
}

extension JSONValue {
    /// The items of an array (nil for anything else).
    var replayItems: [JSONValue]? { if case .array(let array) = self { array } else { nil } }
    var replayFirst: JSONValue? { replayItems?.first }
}
