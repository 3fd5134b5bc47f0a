import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The upstream connections of one event loop: idle keep-alive connections per origin in plain
/// arrays only that loop touches (no locks), new ones opened on the same loop — so a request, its
/// client connection and its upstream connection never leave the thread that read it.
final class UpstreamLoopPool {
    /// Idle connections kept per origin; more are closed when their response ends.
    static let maxIdlePerOrigin = 256
    /// How long a connection may stay idle before it is closed (by ``closeIdle(before:)``).
    static let idleTimeout = TimeAmount.seconds(60)

    let loop: any EventLoop
    /// The time limits of the calls on this loop.
    let timeouts: UpstreamTimeouts
    private let tls: UpstreamTLS
    private let connectTimeout: TimeAmount
    private var idle: [UpstreamOrigin: [UpstreamConnection]] = [:]

    init(loop: any EventLoop, tls: UpstreamTLS, connectTimeout: TimeAmount) {
        self.loop = loop
        self.timeouts = UpstreamTimeouts(loop: loop)
        self.tls = tls
        self.connectTimeout = connectTimeout
    }

    /// Calls `body` on the loop with an idle connection to `origin` at once, or a new one once
    /// it is connected (TLS for `https`, verified against the system's trust roots).
    func acquire(_ origin: UpstreamOrigin, _ body: @escaping (Result<UpstreamConnection, any Error>) -> Void) {
        loop.preconditionInEventLoop()
        while let connection = idle[origin]?.popLast() {
            if connection.isActive { return body(.success(connection)) }
        }
        let tls: NIOSSLContext?
        do {
            tls = origin.tls ? try self.tls.get() : nil
        } catch {
            return body(.failure(error))
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
                body(
                    result.flatMap { channel in
                        Result {
                            let connection = UpstreamConnection(origin: origin, pool: self)
                            try channel.pipeline.syncOperations.addHandler(connection)
                            return connection
                        }
                    })
            }
    }

    /// Takes back a connection whose response has ended and that the upstream keeps alive.
    func release(_ connection: UpstreamConnection) {
        if connection.isActive, idle[connection.origin, default: []].count < Self.maxIdlePerOrigin {
            connection.idleSince = .now()
            idle[connection.origin, default: []].append(connection)
        } else {
            connection.close()
        }
    }

    /// Closes the connections idle since before `deadline` (the most recently used are reused
    /// first, so the oldest are at the front).
    func closeIdle(before deadline: NIODeadline) {
        for (origin, connections) in idle {
            let stale = connections.prefix { $0.idleSince < deadline || !$0.isActive }
            guard !stale.isEmpty else { continue }
            for connection in stale { connection.close() }
            idle[origin] = connections.count == stale.count ? nil : Array(connections.dropFirst(stale.count))
        }
    }

    /// Closes every idle connection.
    func closeAll() {
        for connection in idle.values.joined() { connection.close() }
        idle = [:]
    }
}
