import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTPTypes

/// Last in a client connection's pipeline: gathers each request (head and body, the body up to one
/// byte past the limit, so the handler that reads it can refuse it) and answers it in a task that
/// runs on this connection's event loop — a proxy endpoint through its ``DirectRoutes``, anything else
/// through the router.
///
/// One request is answered at a time, in order. The connection keeps reading while a response is
/// under way (a client that does not pipeline sends nothing meanwhile, and stopping and restarting
/// reads costs two system calls a request); a pipelined request that arrives meanwhile waits here,
/// with reading paused until it is taken up.
final class RequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPRequestPart

    private let responder: RouterResponder<BasicRequestContext>
    private let routes: any DirectRoutes
    private let executor: EventLoopExecutor
    private let watch: ConnectionWatch
    private let bodyLimit: Int
    private let logger: Logger
    private var head: HTTPRequest?
    private var body = ByteBuffer()
    /// A request has been handed to its task and its response has not ended.
    private var busy = false
    /// The client closed its side.
    private var inputClosed = false
    /// The server is shutting down: the connection closes once the current response has ended.
    private(set) var quiescing = false
    /// Parts of pipelined requests that arrived while busy.
    private var waiting = CircularBuffer<HTTPRequestPart>()
    private var readsPaused = false

    init(
        responder: RouterResponder<BasicRequestContext>, routes: any DirectRoutes, executor: EventLoopExecutor, watch: ConnectionWatch,
        bodyLimit: Int, logger: Logger
    ) {
        self.responder = responder
        self.routes = routes
        self.executor = executor
        self.watch = watch
        self.bodyLimit = bodyLimit
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        guard busy || !waiting.isEmpty else { return receive(part, channel: context.channel) }
        waiting.append(part)
        if !readsPaused {
            readsPaused = true
            try? context.channel.syncOptions?.setOption(.autoRead, value: false)
        }
    }

    /// A client that closes its side is answered first if a request is under way, then the
    /// connection closes (it would otherwise linger half-open). On shutdown an idle connection
    /// closes at once, a busy one after its response.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            inputClosed = true
            if !busy { context.close(promise: nil) }
        } else if event is ChannelShouldQuiesceEvent {
            quiescing = true
            if !busy { context.close(promise: nil) }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func receive(_ part: HTTPRequestPart, channel: any Channel) {
        switch part {
        case .head(let head):
            self.head = head
            body.clear()
        case .body(var part):
            // Past the limit the rest is read and dropped: memory stays bounded whatever is sent.
            let room = bodyLimit + 1 - body.readableBytes
            guard room > 0 else { return }
            if part.readableBytes > room, let kept = part.getSlice(at: part.readerIndex, length: room) { part = kept }
            body.writeBuffer(&part)
        case .end:
            guard let head else { return }
            self.head = nil
            busy = true
            let request = Request(head: head, body: RequestBody(buffer: body))
            body = ByteBuffer()
            let exchange = Exchange(
                request: request, channel: channel, handler: NIOLoopBound(self, eventLoop: channel.eventLoop),
                close: request.headers.value(.connection)?.lowercased() == "close")
            Task(executorPreference: executor) { await exchange.run() }
        }
    }

    /// What a request's task answers with.
    private var answering: (ConnectionWatch, RouterResponder<BasicRequestContext>, any DirectRoutes, Logger) {
        (watch, responder, routes, logger)
    }

    /// The response has ended (`written` false when it could not be written whole): the
    /// connection closes, or takes up a pipelined request that waited. A client that closed its
    /// side has hung up as far as a stream is concerned (its relay stops, and the response may be
    /// cut short), so its connection closes after the response, as it did behind NIO's pipelining
    /// handler, and requests still waiting are dropped.
    private func responseEnded(channel: any Channel, written: Bool, close: Bool) {
        busy = false
        guard written, !close, !quiescing, !inputClosed, channel.isActive else { return channel.close(promise: nil) }
        while !busy, let part = waiting.popFirst() { receive(part, channel: channel) }
        if !busy, readsPaused {
            readsPaused = false
            try? channel.syncOptions?.setOption(.autoRead, value: true)
        }
    }

    /// One request and its response, run by a task on the connection's event loop. A class: the
    /// task holds it by reference instead of copying its fields.
    private final class Exchange: Sendable {
        let request: Request
        let channel: any Channel
        /// The connection's handler (what answers, where to log), touched on its loop only.
        let handler: NIOLoopBound<RequestHandler>
        let close: Bool

        init(request: Request, channel: any Channel, handler: NIOLoopBound<RequestHandler>, close: Bool) {
            self.request = request
            self.channel = channel
            self.handler = handler
            self.close = close
        }

        func run() async {
            let (watch, responder, routes, logger) = handler.value.answering
            // The watch spans the body too: a stream's relay learns of a hang-up through it.
            await ConnectionWatch.$current.withValue(watch) {
                var response = await answer(responder: responder, routes: routes, logger: logger)
                response.headers.append(HTTPField(name: .date, value: HTTPDate.now))
                let close = close || handler.value.quiescing
                let written = await RequestHandler.write(response, to: channel, close: close)
                handler.value.responseEnded(channel: channel, written: written, close: close)
            }
        }

        private func answer(responder: RouterResponder<BasicRequestContext>, routes: any DirectRoutes, logger: Logger) async -> Response {
            if let response = await routes.respond(to: request, logger: logger) { return response }
            do {
                return try await responder.respond(
                    to: request, context: BasicRequestContext(source: .init(channel: channel, logger: logger)))
            } catch {
                logger.error("unhandled error", metadata: ["error.type": "\(String(describing: type(of: error)))"])
                return Response(status: .internalServerError)
            }
        }
    }

    /// Writes the head (with `Connection: close` when the connection ends after it), then the
    /// body; false when the body could not be written (the client went away, or it failed halfway).
    fileprivate static func write(_ response: Response, to channel: any Channel, close: Bool) async -> Bool {
        var head = response.head
        if close { head.headerFields[.connection] = "close" }
        let stream = response.body.contentLength == nil
        if stream {
            // A stream's head goes out at once: the client learns the status before the first event.
            channel.writeAndFlush(HTTPResponsePart.head(head), promise: nil)
        } else {
            channel.write(HTTPResponsePart.head(head), promise: nil)
        }
        do {
            try await response.body.write(ChannelBodyWriter(channel: channel, stream: stream))
            return true
        } catch {
            return false
        }
    }
}
