import NIOCore
import NIOHTTP1

/// The inbound side of `brokle-bench floor`, after NIO's HTTP/1.1 server pipeline: collects a request,
/// takes an upstream connection from its event loop's pool, writes the request there and relays the
/// response head and body parts back as they arrive (content-length or chunked; keep-alive both sides).
/// When the client goes away mid-response the upstream connection is closed, not reused.
final class FloorForwarder: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private static let hopByHop = ["connection", "keep-alive", "proxy-connection", "upgrade"]

    private let pool: FloorUpstreamPool
    private let path: String
    private var context: ChannelHandlerContext?
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    private var upstream: FloorUpstreamHandler?
    private var keepAlive = true
    private var version = HTTPVersion.http1_1
    private var responding = false

    /// `path`: the upstream's path, which every request is sent to (like the bare forwarder).
    init(pool: FloorUpstreamPool, path: String) {
        self.pool = pool
        self.path = path
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(var head):
            keepAlive = head.isKeepAlive
            version = head.version
            for name in Self.hopByHop { head.headers.remove(name: name) }
            head.version = .http1_1
            head.uri = path
            self.head = head
            body = nil
        case .body(var buffer):
            if body == nil { body = buffer } else { body!.writeBuffer(&buffer) }
        case .end:
            forward()
        }
    }

    private func forward() {
        guard let head else { return }
        let body = self.body
        self.head = nil
        self.body = nil
        pool.acquire { result in
            switch result {
            case .success(let upstream):
                guard self.context?.channel.isActive == true else { return self.pool.release(upstream) }
                self.upstream = upstream
                upstream.send(head: head, body: body, to: self)
            case .failure:
                self.upstreamFailed()
            }
        }
    }

    func upstreamHead(_ upstreamHead: HTTPResponseHead) {
        guard let context else { return }
        var head = upstreamHead
        for name in Self.hopByHop { head.headers.remove(name: name) }
        head.version = version
        if !keepAlive { head.headers.add(name: "connection", value: "close") }
        responding = true
        context.write(wrapOutboundOut(.head(head)), promise: nil)
    }

    func upstreamBody(_ buffer: ByteBuffer) {
        context?.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
    }

    func upstreamFlush() { context?.flush() }

    func upstreamEnd(_ trailers: HTTPHeaders?) {
        upstream = nil
        responding = false
        guard let context else { return }
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(trailers)), promise: nil)
        } else {
            context.writeAndFlush(wrapOutboundOut(.end(trailers))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }

    /// The upstream could not be reached or closed mid-response: a 502 if nothing was sent yet,
    /// otherwise the client's connection is closed (its response cannot be completed).
    func upstreamFailed() {
        upstream = nil
        guard let context else { return }
        if responding {
            responding = false
            context.close(promise: nil)
            return
        }
        var headers = HTTPHeaders([("content-length", "0")])
        if !keepAlive { headers.add(name: "connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: version, status: .badGateway, headers: headers))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        upstream?.setReading(context.channel.isWritable)
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        upstream?.abandon()
        upstream = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) { context.close(promise: nil) }
}
