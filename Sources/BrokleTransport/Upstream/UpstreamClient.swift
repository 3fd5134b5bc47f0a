import BrokleCore
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// The upstream HTTP/1.1 client all providers share: one connection pool per event loop
/// (``UpstreamLoopPool``). A call runs on its caller's loop — a request's task runs on its client
/// connection's loop (see ``EventLoopExecutor``) — so the request, both its connections and the
/// relay between them stay on one thread: no lock, no thread wake-up, one system call per write.
package final class UpstreamClient: Sendable {
    /// Each loop's pool, made on that loop when it is first needed.
    private let pools: [ObjectIdentifier: NIOLoopBoundBox<UpstreamLoopPool?>]
    private let group: MultiThreadedEventLoopGroup
    private let tls: UpstreamTLS
    private let connectTimeout: TimeAmount
    private let maxConnectionsPerOrigin: Int
    /// URLs already read (a provider's few endpoints), up to ``maxRemembered``.
    private let origins = Mutex<[String: (origin: UpstreamOrigin, target: String)]>([:])
    private static let maxRemembered = 1024
    /// Each pool's sweep of idle connections, stopped by ``shutdown()``.
    private let sweeps = Mutex<[RepeatedTask]>([])

    /// The default for ``init(group:connectTimeout:maxConnectionsPerOrigin:tls:)``: room for
    /// 1,000 concurrent streams to one provider on two cores without waiting.
    package static let defaultMaxConnectionsPerOrigin = 1024

    /// `tls`: how `https` upstreams are verified (the system's trust roots, full verification).
    /// `maxConnectionsPerOrigin`: connections open at once to one origin from one event loop (one
    /// per core); past it a call waits for one, within its time limit.
    package init(
        group: MultiThreadedEventLoopGroup = .singleton, connectTimeout: TimeAmount = .seconds(10),
        maxConnectionsPerOrigin: Int = UpstreamClient.defaultMaxConnectionsPerOrigin, tls: TLSConfiguration = .makeClientConfiguration()
    ) {
        var pools: [ObjectIdentifier: NIOLoopBoundBox<UpstreamLoopPool?>] = [:]
        for loop in group.makeIterator() {
            pools[ObjectIdentifier(loop)] = .makeEmptyBox(valueType: UpstreamLoopPool.self, eventLoop: loop)
        }
        self.pools = pools
        self.group = group
        self.tls = UpstreamTLS(tls)
        self.connectTimeout = connectTimeout
        self.maxConnectionsPerOrigin = max(1, maxConnectionsPerOrigin)
    }

    /// The pool in `box` (on its loop).
    private func pool(_ box: NIOLoopBoundBox<UpstreamLoopPool?>) -> UpstreamLoopPool {
        if let pool = box.value { return pool }
        let pool = UpstreamLoopPool(
            loop: box.eventLoop, tls: tls, connectTimeout: connectTimeout, maxConnections: maxConnectionsPerOrigin)
        box.value = pool
        let every = UpstreamLoopPool.idleTimeout
        let sweep = box.eventLoop.scheduleRepeatedTask(initialDelay: every, delay: every) { _ in
            box.value?.closeIdle(before: .now() - every)
        }
        sweeps.withLock { $0.append(sweep) }
        return pool
    }

    /// Sends `call` with `body` and returns its answer within `timeout` seconds (a whole answer's
    /// body already read, a stream's head with its body still arriving).
    func send(_ call: UpstreamHTTPRequest, body: ByteBuffer, stream: Bool, timeout: Double, provider: String) async throws
        -> UpstreamHTTPResponse
    {
        guard let (origin, target) = destination(call.url) else { throw GatewayError.upstreamUnreachable(provider) }
        var headers = call.headers
        headers.reserveCapacity(headers.count + 2)
        // Adapters set neither; a configured header of the same name gives way (removing is the
        // costly part, so it is done only then).
        if headers.contains(name: "host") { headers.remove(name: "host") }
        if headers.contains(name: "content-length") { headers.remove(name: "content-length") }
        headers.add(name: "host", value: origin.hostHeader)
        headers.add(name: "content-length", value: String(body.readableBytes))
        let head = HTTPRequestHead(version: .http1_1, method: call.method, uri: target, headers: headers)
        let loop = MultiThreadedEventLoopGroup.currentEventLoop.flatMap { pools[ObjectIdentifier($0)] == nil ? nil : $0 } ?? group.any()
        let box = pools[ObjectIdentifier(loop)]!
        let exchange = UpstreamExchange()
        return try await withTaskCancellationHandler {
            try await exchange.response(stream: stream) {
                let start: @Sendable () -> Void = {
                    let pool = self.pool(box)
                    exchange.limit(by: pool.timeouts, seconds: timeout, provider: provider)
                    pool.acquire(origin, for: exchange) { result in
                        switch result {
                        case .success(let connection): connection.send(head, body: body, to: exchange)
                        case .failure(let error): exchange.fail(error)
                        }
                    }
                }
                if loop.inEventLoop { start() } else { loop.execute(start) }
            }
        } onCancel: {
            exchange.cancel()
        }
    }

    /// `url`'s origin and request target, read once per URL.
    private func destination(_ url: String) -> (origin: UpstreamOrigin, target: String)? {
        if let known = origins.withLock({ $0[url] }) { return known }
        guard let parsed = UpstreamOrigin.parse(url) else { return nil }
        origins.withLock { if $0.count < Self.maxRemembered { $0[url] = parsed } }
        return parsed
    }

    /// Closes the connections idle since before `deadline`, on every loop (the pools' sweeps do it
    /// every ``UpstreamLoopPool/idleTimeout``).
    func closeIdle(before deadline: NIODeadline) async throws {
        for box in pools.values {
            try await box.eventLoop.submit { box.value?.closeIdle(before: deadline) }.get()
        }
    }

    /// How many calls are under a time limit now, on every loop.
    func limitsPending() async throws -> Int {
        var count = 0
        for box in pools.values { count += try await box.eventLoop.submit { box.value?.timeouts.count ?? 0 }.get() }
        return count
    }

    /// Closes the idle connections.
    package func shutdown() async throws {
        for sweep in sweeps.withLock({ $0 }) { sweep.cancel() }
        for box in pools.values {
            try await box.eventLoop.submit { box.value?.closeAll() }.get()
        }
    }
}
