import BrokleProviders
import NIOCore

/// An upstream stream whose first bytes have already been read (so the gateway knows the stream
/// really started before it commits to it and sends the client a 200), replayed in front of the rest.
struct PrefetchedStream: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    /// The upstream iterator, handed from the task that read the first bytes to the one task that
    /// reads the rest — never used by two tasks at once, which is what makes the unchecked
    /// Sendable sound.
    final class Source: @unchecked Sendable {
        var iterator: (any AsyncIteratorProtocol<ByteBuffer, any Error>)?
        init(_ iterator: any AsyncIteratorProtocol<ByteBuffer, any Error>) { self.iterator = iterator }

        /// The iterator, given up: whoever reads the rest owns it, so when that reader stops early
        /// (the relay ended the stream itself) and drops it, the upstream request is cancelled at
        /// once instead of staying open while this stream value lives.
        func take() -> (any AsyncIteratorProtocol<ByteBuffer, any Error>)? {
            defer { iterator = nil }
            return iterator
        }
    }

    let first: ByteBuffer?
    let source: Source

    /// Reads the stream's first non-empty buffer; a stream that fails here throws here.
    static func start(_ stream: UpstreamByteStream) async throws -> PrefetchedStream {
        var iterator = stream.makeAsyncIterator()
        var first = try await iterator.next()
        while let buffer = first, buffer.readableBytes == 0 { first = try await iterator.next() }
        return PrefetchedStream(first: first, source: Source(iterator))
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        var first: ByteBuffer?
        var upstream: (any AsyncIteratorProtocol<ByteBuffer, any Error>)?

        mutating func next() async throws -> ByteBuffer? {
            if let buffer = first {
                first = nil
                return buffer
            }
            return try await upstream?.next()
        }
    }

    /// Consumed once: the first iterator takes the upstream's.
    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(first: first, upstream: source.take())
    }
}
