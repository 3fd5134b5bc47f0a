import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTPTypes

/// Writes a response body straight into its client connection. The writing task runs on the
/// connection's event loop (see ``EventLoopExecutor``), so a write goes down the pipeline at once.
///
/// A body of known length is written without a flush per part and flushed once at the end. A
/// stream (unknown length) is flushed as soon as the task has written what is ready: the flush is
/// queued behind the task's current run on the loop, so events that arrived together leave in one
/// system call and a lone event leaves at once. While the client does not keep up (the connection
/// is not writable) each write waits until it has gone out — the back-pressure a slow client puts
/// on its upstream.
struct ChannelBodyWriter: ResponseBodyWriter {
    let channel: any Channel
    let stream: Bool
    private let flush: NIOLoopBound<PendingFlush>?

    init(channel: any Channel, stream: Bool) {
        self.channel = channel
        self.stream = stream
        let loop = channel.eventLoop
        flush = stream && loop.inEventLoop ? NIOLoopBound(PendingFlush(), eventLoop: loop) : nil
    }

    mutating func write(_ buffer: ByteBuffer) async throws {
        guard stream else { return channel.write(HTTPResponsePart.body(buffer), promise: nil) }
        guard let flush, channel.isWritable, channel.eventLoop.inEventLoop else {
            return try await channel.writeAndFlush(HTTPResponsePart.body(buffer))
        }
        guard channel.isActive else { throw ChannelError.ioOnClosedChannel }
        channel.write(HTTPResponsePart.body(buffer), promise: nil)
        guard !flush.value.queued else { return }
        flush.value.queued = true
        let channel = self.channel
        channel.eventLoop.execute {
            flush.value.queued = false
            channel.flush()
        }
    }

    /// Waits until the end has been written: a connection closed after its response (the client
    /// asked, or the server is draining) must not drop what was still queued for the socket.
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await channel.writeAndFlush(HTTPResponsePart.end(trailingHeaders))
    }

    /// Whether a flush is already queued on the loop.
    final class PendingFlush {
        var queued = false
    }
}
