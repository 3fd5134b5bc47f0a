@testable import BrokleCore
@testable import BrokleProviders
import NIOCore
import Testing

/// What the gateway reads from an Anthropic answer it passes through untranslated: the same tokens
/// the translation reports (``AnthropicResponseMapping``), from a message or from the stream events.
@Suite struct AnthropicReplyReaderTests {
    static func events(_ fixture: String) throws -> [String] {
        var parser = SSEParser()
        return try parser.feed(Array(try AnthropicFixtures.text(fixture).utf8)) + parser.finish()
    }

    @Test func aMessageGivesItsUsageModelAndStopReason() throws {
        let body = ByteBuffer(bytes: try AnthropicFixtures.bytes("anthropic-response-text.json"))
        let summary = AnthropicReplyReader().summary(of: body)
        #expect(summary.usage == TokenUsage(input: 12 + 2000 + 100, output: 9, cachedInput: 2000, cacheWrite: 100))
        #expect(summary.modelServed == "claude-sonnet-4-5-20250929")
        #expect(summary.finishReason == "end_turn")
    }

    @Test func aStreamGivesTheUsageOfItsFirstAndLastEvents() throws {
        var reader = AnthropicReplyReader()
        var readings: [StreamEventReading] = []
        for event in try Self.events("anthropic-stream-tools.sse") { readings.append(try reader.read(event)) }
        #expect(readings.first?.name == "message_start" && readings.first?.isContent == true)
        #expect(readings.first?.usage == TokenUsage(input: 472, output: 2))
        #expect(readings.compactMap(\.usage).last == TokenUsage(input: 502, output: 89, cacheWrite: 30))
        #expect(readings.compactMap(\.finishReason) == ["tool_use"])
        #expect(readings.last?.name == "message_stop" && readings.last?.isContent == false)
        #expect(!readings.contains { $0.isUsageOnly })
        try reader.finish()
    }

    @Test func pingsAreNotContent() throws {
        var reader = AnthropicReplyReader()
        #expect(try reader.read(#"{"type": "ping"}"#) == StreamEventReading(name: "ping", isContent: false))
    }

    @Test func aStreamCutShortOrUnreadableFails() throws {
        var reader = AnthropicReplyReader()
        for event in try Self.events("anthropic-stream-text.sse").prefix(3) { _ = try reader.read(event) }
        #expect(throws: GatewayError.self) { try reader.finish() }
        #expect(throws: GatewayError.self) { try reader.read("not json") }
    }

    /// The error event itself goes to the client as it came; the reading says the stream failed.
    @Test func anErrorEventIsReportedNotThrown() throws {
        var reader = AnthropicReplyReader()
        let reading = try reader.read(#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#)
        #expect(reading.name == "error" && !reading.isContent)
        #expect(reading.reportedError == .upstreamStreamError(code: "overloaded_error", message: "Overloaded"))
    }
}
