import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The upstream connections of one event loop: per origin, the open ones (at most
/// ``maxConnections``), the idle keep-alive ones and the calls waiting for one (``Origin``, a pure
/// value), in plain dictionaries only that loop touches (no locks); new connections are opened on
/// the same loop — so a request, its client connection and its upstream connection never leave
/// the thread that read it. A call that finds the cap reached waits in order for a connection to
/// be released or closed, within its own time limit; it never opens one past the cap.
final class UpstreamLoopPool {
    /// Idle connections kept per origin; more are closed when their response ends.
    static let maxIdlePerOrigin = 256
    /// How long a connection may stay idle before it is closed (by ``closeIdle(before:)``).
    static let idleTimeout = TimeAmount.seconds(60)

    /// A call waiting for a connection: `body` gets it, unless its exchange has ended meanwhile.
    struct Waiter {
        let exchange: UpstreamExchange
        let body: (Result<UpstreamConnection, any Error>) -> Void
        var isLive: Bool { exchange.isWaiting }
    }

    let loop: any EventLoop
    /// The time limits of the calls on this loop.
    let timeouts: UpstreamTimeouts
    /// Connections open at once to one origin from this loop.
    let maxConnections: Int
    private let tls: UpstreamTLS
    private let connectTimeout: TimeAmount
    private var origins: [UpstreamOrigin: Origin<UpstreamConnection, Waiter>] = [:]

    init(loop: any EventLoop, tls: UpstreamTLS, connectTimeout: TimeAmount, maxConnections: Int) {
        self.loop = loop
        self.timeouts = UpstreamTimeouts(loop: loop)
        self.tls = tls
        self.connectTimeout = connectTimeout
        self.maxConnections = maxConnections
    }

    /// Calls `body` on the loop with an idle connection to `origin` at once, a new one once it is
    /// connected (TLS for `https`, verified against the system's trust roots), or — the cap
    /// reached — the first one released or replaced while `exchange` still waits.
    func acquire(
        _ origin: UpstreamOrigin, for exchange: UpstreamExchange, _ body: @escaping (Result<UpstreamConnection, any Error>) -> Void
    ) {
        loop.preconditionInEventLoop()
        let waiter = Waiter(exchange: exchange, body: body)
        var state = origins[origin] ?? Origin(cap: maxConnections, maxIdle: Self.maxIdlePerOrigin)
        let action = state.acquire(waiter, usable: { $0.isActive }, live: { $0.isLive })
        origins[origin] = state
        switch action {
        case .use(let connection): body(.success(connection))
        case .connect: connect(origin, for: waiter)
        case .wait: break
        }
    }

    /// Opens a connection counted for `waiter`; a failure is its answer, and frees the place.
    private func connect(_ origin: UpstreamOrigin, for waiter: Waiter) {
        let tls: NIOSSLContext?
        do {
            tls = origin.tls ? try self.tls.get() : nil
        } catch {
            waiter.body(.failure(error))
            return closed(origin, nil)
        }
        ClientBootstrap(group: loop)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        let name = origin.hostIsAddress ? nil : origin.host
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: name))
                    }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                }
            }
            .connect(host: origin.host, port: origin.port)
            .assumeIsolated()
            .whenComplete { result in
                let connection = result.flatMap { channel in
                    Result {
                        let connection = UpstreamConnection(origin: origin, pool: self)
                        do {
                            try channel.pipeline.syncOperations.addHandler(connection)
                        } catch {
                            channel.close(promise: nil)
                            throw error
                        }
                        return connection
                    }
                }
                switch connection {
                case .success(let connection) where waiter.isLive:
                    waiter.body(.success(connection))
                case .success(let connection):
                    // Its call ended while it connected: the next waiter (or the idle list) has it.
                    self.release(connection)
                case .failure(let error):
                    waiter.body(.failure(error))
                    self.closed(origin, nil)
                }
            }
    }

    /// Takes back a connection whose response has ended and that the upstream keeps alive.
    func release(_ connection: UpstreamConnection) {
        // One that closed meanwhile is counted out when its close is reported.
        guard connection.isActive, var state = origins[connection.origin] else { return connection.close() }
        let action = state.release(connection, live: { $0.isLive })
        origins[connection.origin] = state
        switch action {
        case .handOver(let connection, let waiter):
            waiter.body(.success(connection))
        case .keepIdle:
            connection.idleSince = .now()
        case .close(let connection):
            connection.close()
        }
    }

    /// A connection closed: its place goes to the next waiting call, which opens a new one.
    func connectionClosed(_ connection: UpstreamConnection) {
        closed(connection.origin, connection)
    }

    private func closed(_ origin: UpstreamOrigin, _ connection: UpstreamConnection?) {
        guard var state = origins[origin] else { return }
        let next = state.closed(connection, live: { $0.isLive })
        origins[origin] = state
        if let next { connect(origin, for: next) }
    }

    /// Closes the connections idle since before `deadline` (the most recently used are reused
    /// first, so the oldest are at the front).
    func closeIdle(before deadline: NIODeadline) {
        for origin in Array(origins.keys) {
            let stale = origins[origin]!.takeIdle { $0.idleSince < deadline || !$0.isActive }
            for connection in stale { connection.close() }
        }
    }

    /// Closes every idle connection.
    func closeAll() {
        for origin in Array(origins.keys) {
            for connection in origins[origin]!.takeIdle(where: { _ in true }) { connection.close() }
        }
    }
}
