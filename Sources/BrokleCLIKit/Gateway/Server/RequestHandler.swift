import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTPTypes

/// Last in a client connection's pipeline: gathers each request (head and body, the body up to one
/// byte past the limit, so the handler that reads it can refuse it) and answers it through the
/// router in a task that runs on this connection's event loop. NIO's pipelining handler before it
/// holds the next request back until this one's response has ended.
final class RequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPRequestPart

    private let responder: RouterResponder<BasicRequestContext>
    private let executor: EventLoopExecutor
    private let watch: ConnectionWatch
    private let bodyLimit: Int
    private let logger: Logger
    private var head: HTTPRequest?
    private var body = ByteBuffer()
    /// Shared with the request's task, which runs on the same loop.
    private var state: NIOLoopBound<ConnectionState>?

    init(
        responder: RouterResponder<BasicRequestContext>, executor: EventLoopExecutor, watch: ConnectionWatch, bodyLimit: Int,
        logger: Logger
    ) {
        self.responder = responder
        self.executor = executor
        self.watch = watch
        self.bodyLimit = bodyLimit
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        state = NIOLoopBound(ConnectionState(), eventLoop: context.eventLoop)
    }

    /// A client that closes its side is answered first if a request is under way, then the
    /// connection closes (it would otherwise linger half-open).
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed, let state = state?.value {
            state.inputClosed = true
            if !state.busy { context.close(promise: nil) }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
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
            guard let head, let state else { return }
            self.head = nil
            state.value.busy = true
            let request = Request(head: head, body: RequestBody(buffer: body))
            body = ByteBuffer()
            respond(to: request, channel: context.channel, state: state)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func respond(to request: Request, channel: any Channel, state: NIOLoopBound<ConnectionState>) {
        let close = request.headers[.connection]?.lowercased() == "close"
        let exchange = Exchange(
            request: request, responder: responder, channel: channel, watch: watch, state: state, logger: logger, close: close)
        Task(executorPreference: executor) { await exchange.run() }
    }

    /// One request and its response, run by a task on the connection's event loop.
    private struct Exchange: Sendable {
        let request: Request
        let responder: RouterResponder<BasicRequestContext>
        let channel: any Channel
        let watch: ConnectionWatch
        let state: NIOLoopBound<ConnectionState>
        let logger: Logger
        let close: Bool

        func run() async {
            // The watch spans the body too: a stream's relay learns of a hang-up through it.
            await ConnectionWatch.$current.withValue(watch) {
                let response = await RequestHandler.response(to: request, responder: responder, channel: channel, logger: logger)
                let written = await RequestHandler.write(response, to: channel, close: close)
                let state = state.value
                state.busy = false
                if !written || close || state.inputClosed { channel.close(promise: nil) }
            }
        }
    }

    fileprivate static func response(
        to request: Request, responder: RouterResponder<BasicRequestContext>, channel: any Channel, logger: Logger
    ) async -> Response {
        var response: Response
        do {
            response = try await responder.respond(
                to: request, context: BasicRequestContext(source: .init(channel: channel, logger: logger)))
        } catch {
            logger.error("unhandled error", metadata: ["error.type": "\(String(describing: type(of: error)))"])
            response = Response(status: .internalServerError)
        }
        response.headers[.date] = HTTPDate.now
        return response
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

/// What a connection's handler and its request's task both need to know, touched only on the
/// connection's event loop.
final class ConnectionState {
    /// A request has been handed to its task and its response has not ended.
    var busy = false
    /// The client closed its side.
    var inputClosed = false
}
