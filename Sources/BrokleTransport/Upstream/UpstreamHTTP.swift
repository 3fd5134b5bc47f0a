import BrokleCore
import NIOCore
import NIOHTTP1

/// An upstream call as an adapter writes it: where, how and with which headers (the body goes
/// beside it, to ``UpstreamCall/send(_:body:stream:timeout:client:provider:)``).
package struct UpstreamHTTPRequest: Sendable {
    package var url: String
    package var method: HTTPMethod = .POST
    package var headers = HTTPHeaders()

    package init(url: String) { self.url = url }
}

/// An upstream's answer: its status and headers, and its body — whole, already read, or a stream
/// that reads from the upstream only as fast as it is consumed.
package struct UpstreamHTTPResponse: Sendable {
    package var status: HTTPResponseStatus
    package var headers: HTTPHeaders
    package var body: Body

    /// How long the provider asked to wait before another try (`retry-after-ms` / `retry-after`),
    /// read on error answers only.
    package var retryAfter: Double? {
        guard !(200..<300).contains(Int(status.code)) else { return nil }
        return RetryAfter.seconds(retryAfter: headers.first(name: "retry-after"), retryAfterMs: headers.first(name: "retry-after-ms"))
    }

    /// The body: consumed once, as a sequence of buffers or whole with ``collect(upTo:)``.
    package struct Body: AsyncSequence, Sendable {
        package typealias Element = ByteBuffer
        package typealias Failure = any Error

        enum Storage: Sendable {
            case whole(ByteBuffer)
            case stream(UpstreamExchange.Body)
        }

        let storage: Storage

        /// The whole body; `NIOTooManyBytesError` past `limit` bytes.
        package func collect(upTo limit: Int) async throws -> ByteBuffer {
            switch storage {
            case .whole(let buffer):
                guard buffer.readableBytes <= limit else { throw NIOTooManyBytesError(maxBytes: limit) }
                return buffer
            case .stream(let stream):
                var collected = ByteBuffer()
                for try await var part in stream {
                    guard collected.readableBytes + part.readableBytes <= limit else { throw NIOTooManyBytesError(maxBytes: limit) }
                    collected.writeBuffer(&part)
                }
                return collected
            }
        }

        package func makeAsyncIterator() -> Iterator {
            switch storage {
            case .whole(let buffer): Iterator(whole: buffer, stream: nil)
            case .stream(let stream): Iterator(whole: nil, stream: stream.makeAsyncIterator())
            }
        }

        package struct Iterator: AsyncIteratorProtocol {
            var whole: ByteBuffer?
            var stream: UpstreamExchange.Body.AsyncIterator?

            package mutating func next() async throws -> ByteBuffer? {
                if let buffer = whole {
                    whole = nil
                    return buffer
                }
                return try await stream?.next()
            }
        }
    }
}
