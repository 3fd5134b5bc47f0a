@testable import BrokleGateway
@testable import BrokleProviders
import Hummingbird
import NIOCore
import Synchronization
import Testing

/// The relay stage on its own: upstream SSE bytes in, client bytes out, and a result handed back
/// (the relay records nothing itself).
@Suite struct StreamRelayTests {
    /// Collects what the relay writes to the client.
    final class Written: Sendable {
        let bytes = Mutex<[UInt8]>([])
        let finished = Mutex(false)
        var text: String { bytes.withLock { String(decoding: $0, as: UTF8.self) } }
    }

    struct Writer: ResponseBodyWriter {
        let written: Written
        mutating func write(_ buffer: ByteBuffer) async throws { written.bytes.withLock { $0 += Array(buffer.readableBytesView) } }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws { written.finished.withLock { $0 = true } }
    }

    struct Broken: Error {}

    static func upstream(_ events: [String], breakOff: Bool = false) -> UpstreamByteStream {
        AsyncThrowingStream<ByteBuffer, any Error> { continuation in
            for event in events { continuation.yield(ByteBuffer(string: "data: \(event)\n\n")) }
            continuation.finish(throwing: breakOff ? Broken() : nil)
        }
    }

    static let content = #"{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hi"}}]}"#
    static let usage =
        #"{"id":"c","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":7,"completion_tokens":3,"total_tokens":10}}"#

    static func relay(_ upstream: UpstreamByteStream, wantsUsage: Bool = false) async -> (RelayResult, Written) {
        let written = Written()
        var writer: any ResponseBodyWriter = Writer(written: written)
        let relay = StreamRelay(
            upstream: upstream, encoder: OpenAIStreamEncoder(wantsUsage: wantsUsage), reader: OpenAIReplyReader(), upstreamStarted: .now)
        return (await relay.run(writer: &writer), written)
    }

    @Test func aCompleteStreamReportsItsUsageAndDropsTheChunkNobodyAskedFor() async {
        let (result, written) = await Self.relay(Self.upstream([Self.content, Self.usage, "[DONE]"]))
        #expect(result.status == .ok && result.httpStatus == 200 && result.error == nil)
        #expect(result.usage.input == 7 && result.usage.output == 3)
        #expect(result.firstToken != nil)
        #expect(written.text.contains(#""content":"Hi""#) && written.text.hasSuffix("data: [DONE]\n\n"))
        #expect(!written.text.contains("prompt_tokens"), "the client did not ask for the usage chunk")
        #expect(written.finished.withLock { $0 })
    }

    @Test func theUsageChunkGoesToAClientThatAskedForIt() async {
        let (_, written) = await Self.relay(Self.upstream([Self.content, Self.usage, "[DONE]"]), wantsUsage: true)
        #expect(written.text.contains("prompt_tokens"))
    }

    @Test func anUpstreamThatBreaksOffEndsWithAnInBandErrorAndAnEstimate() async {
        let (result, written) = await Self.relay(Self.upstream([Self.content, Self.content], breakOff: true))
        #expect(result.status == .error && result.httpStatus == 502 && result.error == .upstreamStreamBroken())
        #expect(result.usage.output == 2, "counted from the chunks relayed")
        #expect(written.text.contains("upstream_stream_broken"))
    }
}
