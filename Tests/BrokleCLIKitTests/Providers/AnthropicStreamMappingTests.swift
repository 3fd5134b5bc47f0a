@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import NIOCore
import Testing

@Suite struct AnthropicStreamMappingTests {
    /// The transcript through the chunk sequence in 7-byte pieces; the OpenAI SSE it yields, parsed back.
    static func translate(_ fixture: String, includeUsage: Bool) async throws -> [JSONValue] {
        let mapping = AnthropicStreamMapping(model: "claude-sonnet-4-5", includeUsage: includeUsage, created: 1_700_000_000)
        let sequence = TranslatedStream(
            upstream: ByteChunks(chunks: AnthropicFixtures.pieces(try AnthropicFixtures.text(fixture))), translator: mapping)
        var parser = SSEParser()
        var events: [String] = []
        for try await buffer in sequence {
            #expect(String(buffer: buffer).hasPrefix("data: ") && String(buffer: buffer).hasSuffix("\n\n"), "one whole event per buffer")
            events += try parser.feed(buffer)
        }
        return try AnthropicFixtures.payloads(events)
    }

    @Test(arguments: [
        ("anthropic-stream-text.sse", "openai-stream-text.expected.json"),
        ("anthropic-stream-tools.sse", "openai-stream-tools.expected.json"),
    ])
    func transcriptsBecomeOpenAIChunksWithUsage(fixture: String, expected: String) async throws {
        let chunks = try await Self.translate(fixture, includeUsage: true)
        guard case .array(let wanted) = try AnthropicFixtures.json(expected) else { Issue.record("expected an array"); return }
        #expect(chunks == wanted)
        #expect(chunks.last == .string("[DONE]"))
    }

    @Test func withoutIncludeUsageThereIsNoUsageChunk() async throws {
        let chunks = try await Self.translate("anthropic-stream-text.sse", includeUsage: false)
        guard case .array(let wanted) = try AnthropicFixtures.json("openai-stream-text.expected.json") else { return }
        #expect(chunks == wanted.filter { $0["usage"] == nil })
        #expect(chunks.count == wanted.count - 1)
        #expect(chunks.last == .string("[DONE]"))
    }

    @Test func anErrorEventIsThrownAfterWhatCameBefore() async throws {
        let mapping = AnthropicStreamMapping(model: "m", includeUsage: true, created: 1)
        let sequence = TranslatedStream(
            upstream: ByteChunks(chunks: AnthropicFixtures.pieces(try AnthropicFixtures.text("anthropic-stream-error.sse"), size: 4096)),
            translator: mapping)
        var received: [String] = []
        var parser = SSEParser()
        do {
            for try await buffer in sequence { received += try parser.feed(buffer) }
            Issue.record("the error event must end the stream with an error")
        } catch let error as GatewayError {
            #expect(error == GatewayError(status: 502, type: "api_error", code: "overloaded_error", message: "Overloaded"))
        }
        #expect(received.count == 2, "the role chunk and the text before the error still went out")
        #expect(received.last?.contains("Partial") == true)
    }

    @Test func aStreamCutShortEndsWithAnError() async throws {
        let transcript = try AnthropicFixtures.text("anthropic-stream-text.sse")
        let mapping = AnthropicStreamMapping(model: "m", includeUsage: true, created: 1)
        let sequence = TranslatedStream(
            upstream: ByteChunks(chunks: AnthropicFixtures.pieces(String(transcript.prefix(600)))), translator: mapping)
        await #expect(throws: GatewayError.self) {
            for try await _ in sequence {}
        }
    }
}
