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
    private let logger: Logger
    private var state: StateMachine
    /// The server is shutting down (the response about to be written closes the connection).
    var quiescing: Bool { state.quiescing }

    init(
        responder: RouterResponder<BasicRequestContext>, routes: any DirectRoutes, executor: EventLoopExecutor, watch: ConnectionWatch,
        bodyLimit: Int, logger: Logger
    ) {
        self.responder = responder
        self.routes = routes
        self.executor = executor
        self.watch = watch
        self.logger = logger
        self.state = StateMachine(bodyLimit: bodyLimit)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch state.read(unwrapInboundIn(data)) {
        case .none: break
        case .pauseReads: try? context.channel.syncOptions?.setOption(.autoRead, value: false)
        case .start(let request): start(request, channel: context.channel)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        var action = StateMachine.CloseAction.none
        if let event = event as? ChannelEvent, event == .inputClosed {
            action = state.inputDidClose()
        } else if event is ChannelShouldQuiesceEvent {
            action = state.quiesce()
        }
        if action == .close { context.close(promise: nil) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    /// Answers a whole request in a task on this connection's event loop.
    private func start(_ started: StateMachine.Started, channel: any Channel) {
        let request = Request(head: started.head, body: RequestBody(buffer: started.body))
        let exchange = Exchange(
            request: request, channel: channel, handler: NIOLoopBound(self, eventLoop: channel.eventLoop),
            close: request.headers.value(.connection)?.lowercased() == "close")
        Task(executorPreference: executor) { await exchange.run() }
    }

    /// What a request's task answers with.
    private var answering: (ConnectionWatch, RouterResponder<BasicRequestContext>, any DirectRoutes, Logger) {
        (watch, responder, routes, logger)
    }

    /// The response has ended (`written` false when it could not be written whole): the
    /// connection closes, or takes up a pipelined request that waited (see ``StateMachine``).
    private func responseEnded(channel: any Channel, written: Bool, close: Bool) {
        switch state.responseEnded(written: written, close: close, channelActive: channel.isActive) {
        case .close:
            channel.close(promise: nil)
        case .next(let request, let resumeReads):
            if let request { start(request, channel: channel) }
            if resumeReads { try? channel.syncOptions?.setOption(.autoRead, value: true) }
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
                return try await ClientAddress.$current.withValue(channel.remoteAddress?.ipAddress) {
                    try await responder.respond(to: request, context: BasicRequestContext(source: .init(channel: channel, logger: logger)))
                }
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
