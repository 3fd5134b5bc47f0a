import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTPTypes

/// Writes a response body straight into its client connection. The writing task runs on the
/// connection's event loop (see ``EventLoopExecutor``), so a write goes down the pipeline at once.
/// A body of known length is written without a flush per part and flushed once at the end; a
/// stream (unknown length) flushes every part and waits for it to reach the socket, which is the
/// back-pressure a slow client puts on its upstream.
struct ChannelBodyWriter: ResponseBodyWriter {
    let channel: any Channel
    let flushEach: Bool

    mutating func write(_ buffer: ByteBuffer) async throws {
        if flushEach {
            try await channel.writeAndFlush(HTTPResponsePart.body(buffer))
        } else {
            channel.write(HTTPResponsePart.body(buffer), promise: nil)
        }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await channel.writeAndFlush(HTTPResponsePart.end(trailingHeaders))
    }
}
