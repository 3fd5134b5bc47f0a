import NIOCore
import NIOHTTP1
import NIOPosix

/// The upstream connections of one event loop for `brokle-bench floor`: idle keep-alive connections
/// in a plain array only that loop touches (no locks), and new ones opened with `ClientBootstrap` on
/// the same loop — so a request, its inbound connection and its upstream connection never leave the
/// thread that read it.
final class FloorUpstreamPool {
    let eventLoop: any EventLoop
    private let address: SocketAddress
    private let maxIdle: Int
    private var idle: [FloorUpstreamHandler] = []

    init(eventLoop: any EventLoop, address: SocketAddress, maxIdle: Int = 256) {
        self.eventLoop = eventLoop
        self.address = address
        self.maxIdle = maxIdle
    }

    /// Calls `body` with an idle connection at once, or with a new one once it is connected.
    func acquire(_ body: @escaping (Result<FloorUpstreamHandler, any Error>) -> Void) {
        eventLoop.preconditionInEventLoop()
        while let connection = idle.popLast() {
            if connection.isActive { return body(.success(connection)) }
        }
        ClientBootstrap(group: eventLoop)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(FloorUpstreamHandler())
                }
            }
            .connect(to: address)
            .assumeIsolated()
            .whenComplete { result in
                body(
                    result.flatMap { channel in
                        Result {
                            let handler = try channel.pipeline.syncOperations.handler(type: FloorUpstreamHandler.self)
                            handler.pool = self
                            return handler
                        }
                    })
            }
    }

    /// Takes back a connection whose response has ended and that the upstream keeps alive.
    func release(_ connection: FloorUpstreamHandler) {
        if idle.count < maxIdle && connection.isActive {
            idle.append(connection)
        } else {
            connection.close()
        }
    }
}

/// The last handler of an upstream connection: writes one request at a time and hands each response
/// part to the `FloorForwarder` that asked, as it arrives; back to the pool when the response ends.
final class FloorUpstreamHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    var pool: FloorUpstreamPool?
    private var context: ChannelHandlerContext?
    private var client: FloorForwarder?
    private var keepAlive = true
    private var paused = false

    var isActive: Bool { context?.channel.isActive ?? false }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    /// Writes a whole request upstream; its response goes to `client`.
    func send(head: HTTPRequestHead, body: ByteBuffer?, to client: FloorForwarder) {
        guard let context else { return client.upstreamFailed() }
        self.client = client
        keepAlive = true
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if let body { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    /// Stops or resumes reading from the upstream while the client cannot take more.
    func setReading(_ on: Bool) {
        guard let context, paused == on else { return }
        paused = !on
        context.channel.setOption(.autoRead, value: on).whenFailure { _ in }
    }

    /// The client went away: this connection's response is not wanted, so it is not reused.
    func abandon() {
        client = nil
        close()
    }

    func close() { context?.close(promise: nil) }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            keepAlive = head.isKeepAlive
            client?.upstreamHead(head)
        case .body(let buffer):
            client?.upstreamBody(buffer)
        case .end(let trailers):
            let client = self.client
            self.client = nil
            setReading(true)
            // Back to the pool first, so the client's next request (pipelined) can take this connection.
            if keepAlive, let pool { pool.release(self) } else { context.close(promise: nil) }
            client?.upstreamEnd(trailers)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) { client?.upstreamFlush() }

    func channelInactive(context: ChannelHandlerContext) {
        let client = self.client
        self.client = nil
        client?.upstreamFailed()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) { context.close(promise: nil) }
}
