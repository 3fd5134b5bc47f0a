import NIOCore
import NIOHTTP1

/// The last handler of one upstream connection: writes a request (head, body and end in one flush,
/// one system call) and hands its response to the request's ``UpstreamExchange`` part by part as it
/// arrives; back to its loop's pool once the response has ended, if the upstream keeps the
/// connection alive and the answer was wanted to its end.
final class UpstreamConnection: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    let origin: UpstreamOrigin
    private weak var pool: UpstreamLoopPool?
    private var context: ChannelHandlerContext?
    private var exchange: UpstreamExchange?
    private var keepAlive = true
    private var reading = true
    /// When it last went back to its pool.
    var idleSince = NIODeadline.now()

    init(origin: UpstreamOrigin, pool: UpstreamLoopPool) {
        self.origin = origin
        self.pool = pool
    }

    var isActive: Bool { context?.channel.isActive ?? false }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    /// Writes a whole request; its response goes to `exchange`.
    func send(_ head: HTTPRequestHead, body: ByteBuffer, to exchange: UpstreamExchange) {
        guard let context, context.channel.isActive else { return exchange.fail(UpstreamConnectionClosed()) }
        self.exchange = exchange
        keepAlive = true
        exchange.demand.attach(NIOLoopBound(self, eventLoop: context.eventLoop))
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if body.readableBytes > 0 { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    /// The reader of `exchange` wants more of its paused stream.
    func resumeReading(_ exchange: ObjectIdentifier) {
        guard self.exchange?.demand.exchange == exchange else { return }
        setReading(true)
    }

    /// The answer to `exchange` is not wanted: the connection closes (a response cut short leaves
    /// it unusable) — unless it has moved on to another request since.
    func abandon(_ exchange: ObjectIdentifier) {
        guard self.exchange?.demand.exchange == exchange else { return }
        close()
    }

    /// Closes the connection, dropping the response in flight, if any.
    func close() {
        exchange = nil
        context?.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            keepAlive = head.isKeepAlive
            exchange?.head(head)
        case .body(let buffer):
            if exchange?.body(buffer) == false { setReading(false) }
        case .end:
            let exchange = self.exchange
            self.exchange = nil
            setReading(true)
            if keepAlive, exchange != nil, let pool { pool.release(self) } else { context.close(promise: nil) }
            exchange?.end()
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        let exchange = self.exchange
        self.exchange = nil
        exchange?.fail(UpstreamConnectionClosed())
        pool?.connectionClosed(self)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let exchange = self.exchange
        self.exchange = nil
        exchange?.fail(error)
        context.close(promise: nil)
    }

    private func setReading(_ on: Bool) {
        guard let context, reading != on else { return }
        reading = on
        context.channel.setOption(.autoRead, value: on).whenFailure { _ in }
    }
}
