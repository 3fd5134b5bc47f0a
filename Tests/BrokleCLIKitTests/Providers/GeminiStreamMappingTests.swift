@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import NIOCore
import Testing

@Suite struct GeminiStreamMappingTests {
    /// A recorded Gemini transcript fed through ``TranslatedStream`` in `piece`-byte splits
    /// (cutting lines, CRLF pairs and multi-byte characters), the OpenAI SSE text it produced.
    func relay(_ transcript: String, piece: Int, includeUsage: Bool, model: String) async throws -> [JSONValue] {
        let bytes = Array(try GeminiFixtures.data(transcript))
        let (upstream, continuation) = AsyncStream.makeStream(of: ByteBuffer.self)
        for start in stride(from: 0, to: bytes.count, by: piece) {
            continuation.yield(ByteBuffer(bytes: bytes[start..<min(start + piece, bytes.count)]))
        }
        continuation.finish()
        let mapping = GeminiStreamMapping(fallbackID: "req-1", model: model, created: 1_700_000_000, includeUsage: includeUsage)
        var output: [UInt8] = []
        for try await buffer in TranslatedStream(upstream: upstream, translator: mapping) {
            output += buffer.readableBytesView
        }
        return try GeminiFixtures.events(output)
    }

    @Test(arguments: [1, 7, 64, 100_000])
    func textStreamWithUsage(piece: Int) async throws {
        let chunks = try await relay("stream-text.gemini.sse", piece: piece, includeUsage: true, model: "gemini-2.0-flash")
        #expect(chunks == (try GeminiFixtures.events(GeminiFixtures.data("stream-text.openai.sse"))))
    }

    @Test(arguments: [7, 100_000])
    func toolCallStreamWithUsage(piece: Int) async throws {
        let chunks = try await relay("stream-tools.gemini.sse", piece: piece, includeUsage: true, model: "gemini-2.5-flash")
        #expect(chunks == (try GeminiFixtures.events(GeminiFixtures.data("stream-tools.openai.sse"))))
    }

    @Test func noUsageChunkUnlessAsked() async throws {
        for (transcript, expected) in [
            ("stream-text.gemini.sse", "stream-text.openai.sse"), ("stream-tools.gemini.sse", "stream-tools.openai.sse"),
        ] {
            let chunks = try await relay(transcript, piece: 7, includeUsage: false, model: "m")
            let withoutUsage = try GeminiFixtures.events(GeminiFixtures.data(expected)).filter { $0["usage"] == nil }
            #expect(chunks == withoutUsage)
            #expect(chunks.last == .string("[DONE]"))
        }
    }

    /// Each upstream event is answered before the next one arrives: nothing waits for the end.
    @Test func chunksGoOutAsEventsArrive() async throws {
        let (upstream, continuation) = AsyncStream.makeStream(of: ByteBuffer.self)
        let mapping = GeminiStreamMapping(fallbackID: "req-1", model: "m", created: 1, includeUsage: true)
        var iterator = TranslatedStream(upstream: upstream, translator: mapping).makeAsyncIterator()
        continuation.yield(ByteBuffer(string: #"data: {"candidates":[{"content":{"parts":[{"text":"Hi"}],"role":"model"}}]}"# + "\r\n\r\n"))
        let first = try GeminiFixtures.events(try #require(try await iterator.next()).readableBytesView)
        #expect(first.count == 1)
        #expect(first.first?["choices"]?.arrayFirst?["delta"] == .object(["role": .string("assistant"), "content": .string("Hi")]))
        continuation.finish()
        let rest = try GeminiFixtures.events(try #require(try await iterator.next()).readableBytesView)
        #expect(rest.first?["usage"]?["total_tokens"] == .int(0))
        #expect(rest.last == .string("[DONE]"))
        #expect(try await iterator.next() == nil)
    }

    @Test func blockedPromptAndInBandErrors() {
        var mapping = GeminiStreamMapping(fallbackID: "req-1", model: "m", created: 1, includeUsage: true)
        let blocked = mapping.feed(
            #"{"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"},"usageMetadata":{"promptTokenCount":3,"totalTokenCount":3}}"#)
        #expect(blocked.count == 1)
        #expect(blocked.first?.contains(#""finish_reason":"content_filter""#) == true)
        #expect(blocked.first?.contains(#""role":"assistant""#) == true)

        var failing = GeminiStreamMapping(fallbackID: "req-1", model: "m", created: 1, includeUsage: true)
        let error = failing.feed(#"{"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}"#)
        #expect(error.count == 1)
        #expect(error.first?.contains(#""message":"The model is overloaded.""#) == true)
        #expect(failing.feed(#"{"candidates":[]}"#).isEmpty)
        #expect(failing.finish() == ["[DONE]"])

        var garbled = GeminiStreamMapping(fallbackID: "req-1", model: "m", created: 1, includeUsage: false)
        #expect(garbled.feed("not json").first?.contains("upstream_invalid_response") == true)
    }
}

extension JSONValue {
    fileprivate var arrayFirst: JSONValue? {
        if case .array(let items) = self { items.first } else { nil }
    }
}
