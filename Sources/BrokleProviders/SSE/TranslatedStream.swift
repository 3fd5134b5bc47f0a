import BrokleCore
import NIOCore

/// Turns one provider's stream events into OpenAI stream payloads (chunk JSON or `[DONE]`), one
/// event at a time. A pure value, tested on recorded transcripts.
protocol StreamTranslator: Sendable {
    /// True once the OpenAI stream is complete: nothing more of the upstream is read.
    var isFinished: Bool { get }
    /// The payloads for one upstream event's data. A provider error reported in the stream is
    /// thrown, after the payloads of the events before it have gone out.
    mutating func feed(_ event: String) throws(GatewayError) -> [String]
    /// The payloads due when the upstream ends; throws when it ended before the answer was complete.
    mutating func finish() throws(GatewayError) -> [String]
}

/// A provider's SSE byte stream as OpenAI SSE bytes, translated as the bytes arrive: each upstream
/// buffer yields the payloads of the events it completes (nothing is held back). Stopping
/// iteration stops reading the upstream body, which cancels the upstream request.
struct TranslatedStream<Upstream: AsyncSequence & Sendable, Translator: StreamTranslator>: AsyncSequence, Sendable
where Upstream.Element == ByteBuffer {
    typealias Element = ByteBuffer
    let upstream: Upstream
    let translator: Translator

    struct AsyncIterator: AsyncIteratorProtocol {
        var upstream: Upstream.AsyncIterator
        var translator: Translator
        var parser = SSEParser()
        var upstreamEnded = false
        /// A failure met while translating; thrown once the payloads before it have been delivered.
        var failure: GatewayError?

        mutating func next() async throws -> ByteBuffer? {
            while true {
                if let failure {
                    self.failure = nil
                    upstreamEnded = true
                    throw failure
                }
                if translator.isFinished || upstreamEnded { return nil }
                let buffer = try await upstream.next()
                if buffer == nil { upstreamEnded = true }
                // An oversized line or event ends the stream once the events before it are out.
                let (events, overflow) = parser.events(in: buffer)
                var payloads: [String] = []
                do throws(GatewayError) {
                    for event in events where !translator.isFinished {
                        payloads += try translator.feed(event)
                    }
                    if let overflow, !translator.isFinished { throw overflow }
                    if upstreamEnded && !translator.isFinished { payloads += try translator.finish() }
                } catch {
                    failure = error
                }
                guard !payloads.isEmpty else { continue }
                var out = ByteBuffer()
                for payload in payloads { out.writeImmutableBuffer(SSEWriter.event(payload)) }
                return out
            }
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(upstream: upstream.makeAsyncIterator(), translator: translator)
    }
}
