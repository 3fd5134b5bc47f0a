import Hummingbird
import Logging
import NIOCore
import NIOExtras
import NIOHTTP1
import NIOHTTPTypesHTTP1
import NIOPosix
import ServiceLifecycle

/// The gateway's HTTP/1.1 server: SwiftNIO's HTTP codec, then ``RequestHandler``, whose task for a
/// request runs on the connection's own event loop (no hop to the concurrency pool and back).
/// On graceful shutdown it stops accepting, closes idle connections, lets each busy one finish its
/// response (streams included) and returns once every connection has closed.
package struct GatewayServer: Service {
    let host: String
    let port: Int
    let responder: RouterResponder<BasicRequestContext>
    let routes: any DirectRoutes
    let bodyLimit: Int
    let group: MultiThreadedEventLoopGroup
    let executors: EventLoopExecutor.PerLoop
    let onListening: @Sendable (Int) async -> Void
    let logger: Logger

    package init(
        host: String, port: Int, responder: RouterResponder<BasicRequestContext>, routes: any DirectRoutes, bodyLimit: Int,
        group: MultiThreadedEventLoopGroup = .singleton, onListening: @escaping @Sendable (Int) async -> Void, logger: Logger
    ) {
        self.host = host
        self.port = port
        self.responder = responder
        self.routes = routes
        self.bodyLimit = bodyLimit
        self.group = group
        self.executors = EventLoopExecutor.PerLoop(group)
        self.onListening = onListening
        self.logger = logger
    }

    package func run() async throws {
        let quiesce = ServerQuiescingHelper(group: group)
        let listener = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiesce.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in channel.eventLoop.makeCompletedFuture { try self.setUp(channel) } }
            .bind(host: host, port: port).get()
        await onListening(listener.localAddress?.port ?? 0)
        // Until graceful shutdown (or cancellation, which drains the same way until it is forced).
        try? await gracefulShutdown()
        let drained = group.any().makePromise(of: Void.self)
        quiesce.initiateShutdown(promise: drained)
        try await drained.futureResult.get()
    }

    private func setUp(_ channel: any Channel) throws {
        let watch = ConnectionWatch()
        let pipeline = channel.pipeline.syncOperations
        try pipeline.addHandler(ClientHangUpHandler(watch))
        // No pipelining assistance: ``RequestHandler`` keeps the requests of a pipelining client in
        // order itself, and keeps reading while a response is under way (NIO's handler stops and
        // restarts reading for every request: two epoll_ctl calls each).
        try pipeline.configureHTTPServerPipeline(withPipeliningAssistance: false, withErrorHandling: true)
        try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: false))
        try pipeline.addHandler(
            RequestHandler(
                responder: responder, routes: routes, executor: executors.executor(for: channel.eventLoop), watch: watch,
                bodyLimit: bodyLimit, logger: logger))
    }
}
