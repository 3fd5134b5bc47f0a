@testable import BrokleCore
@testable import BrokleTransport
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization
import Testing

/// The gateway's upstream client: connections are kept for the next request when an answer was
/// read to its end, and closed when it was not (a response cut short cannot carry another).
@Suite struct UpstreamClientTests {
    @Test func aStreamReadToItsEndLeavesItsConnectionForTheNextRequest() async throws {
        try await CountingServer.run(chunks: 5) { server in
            let client = UpstreamClient()
            // As a request's task does: on one event loop, whose pool the calls share.
            try await withTaskExecutorPreference(EventLoopExecutor(MultiThreadedEventLoopGroup.singleton.next())) {
                for _ in 0..<3 {
                    let response = try await client.send(
                        server.request, body: ByteBuffer(string: "{}"), stream: true, timeout: 5, provider: "p")
                    let body = try await response.body.collect(upTo: 1 << 20)
                    #expect(String(buffer: body) == String(repeating: "data: x\n\n", count: 5))
                }
                let whole = try await client.send(server.request, body: ByteBuffer(string: "{}"), stream: false, timeout: 5, provider: "p")
                #expect(whole.status == .ok)
            }
            #expect(server.accepted == 1)
            #expect(try await client.limitsPending() == 0, "an answered call's time limit is dropped")
            try await client.shutdown()
        }
    }

    @Test func aStreamLeftUnreadClosesItsConnection() async throws {
        try await CountingServer.run(chunks: 1000, size: 4096) { server in
            let client = UpstreamClient()
            try await withTaskExecutorPreference(EventLoopExecutor(MultiThreadedEventLoopGroup.singleton.next())) {
                do {
                    let response = try await client.send(server.request, body: ByteBuffer(), stream: true, timeout: 5, provider: "p")
                    var iterator = response.body.makeAsyncIterator()
                    _ = try await iterator.next()
                }  // the reader goes away mid-stream
                try await server.waitForClosed(1)
                _ = try await client.send(server.request, body: ByteBuffer(), stream: false, timeout: 5, provider: "p")
            }
            #expect(server.accepted == 2)  // (4 MB: the first stream cannot have ended)
            try await client.shutdown()
        }
    }

    @Test func idleConnectionsAreClosedOnceTheyHaveWaitedLongEnough() async throws {
        try await CountingServer.run(chunks: 1) { server in
            let client = UpstreamClient()
            let loop = MultiThreadedEventLoopGroup.singleton.next()
            try await withTaskExecutorPreference(EventLoopExecutor(loop)) {
                _ = try await client.send(server.request, body: ByteBuffer(), stream: false, timeout: 5, provider: "p")
            }
            try await client.closeIdle(before: .now() - .seconds(60))
            try await Task.sleep(for: .milliseconds(50))
            #expect(server.closed == 0)  // used just now: kept
            try await client.closeIdle(before: .now() + .seconds(1))
            try await server.waitForClosed(1)
            try await client.shutdown()
        }
    }

    @Test func callsBeyondTheCapWaitAndShareTheConnections() async throws {
        try await CountingServer.run(chunks: 200) { server in
            let client = UpstreamClient(maxConnectionsPerOrigin: 1)
            let loop = MultiThreadedEventLoopGroup.singleton.next()
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    group.addTask(executorPreference: EventLoopExecutor(loop)) {
                        let response = try await client.send(server.request, body: ByteBuffer(), stream: true, timeout: 10, provider: "p")
                        return try await response.body.collect(upTo: 1 << 20).readableBytes
                    }
                }
                for try await bytes in group { #expect(bytes == 200 * "data: x\n\n".utf8.count) }
            }
            #expect(server.accepted == 1, "four calls at once, one connection: the cap holds")
            try await client.shutdown()
        }
    }

    @Test func aCallWaitingForAConnectionTimesOutWithinItsOwnLimit() async throws {
        try await CountingServer.run(chunks: 0, silent: true) { server in
            let client = UpstreamClient(maxConnectionsPerOrigin: 1)
            let loop = MultiThreadedEventLoopGroup.singleton.next()
            // The only connection is taken by a call the upstream never answers.
            let holder = Task(executorPreference: EventLoopExecutor(loop)) {
                try await client.send(server.request, body: ByteBuffer(), stream: false, timeout: 5, provider: "p")
            }
            var received = server.requestsReceived.makeAsyncIterator()
            _ = await received.next()
            try await withTaskExecutorPreference(EventLoopExecutor(loop)) {
                await #expect(throws: GatewayError.upstreamTimeout("p")) {
                    _ = try await client.send(server.request, body: ByteBuffer(), stream: false, timeout: 0.2, provider: "p")
                }
            }
            #expect(server.accepted == 1, "the waiting call opened no connection past the cap")
            holder.cancel()
            _ = try? await holder.value
            try await client.shutdown()
        }
    }

    @Test func anUnansweredRequestTimesOut() async throws {
        try await CountingServer.run(chunks: 0, silent: true) { server in
            let client = UpstreamClient()
            let started = ContinuousClock.now
            await #expect(throws: GatewayError.upstreamTimeout("p")) {
                _ = try await client.send(server.request, body: ByteBuffer(), stream: false, timeout: 0.2, provider: "p")
            }
            #expect(ContinuousClock.now - started < .seconds(10))  // timed out, not left hanging (bound loose for a loaded CI)
            #expect(try await client.limitsPending() == 0)
            try await client.shutdown()
        }
    }

    /// A stream is under the call's time limit until its first bytes: an upstream that sends the
    /// head and nothing more fails the reader as timed out (the attempt can fall back), and its
    /// connection is closed, not reused.
    @Test func aStreamWhoseFirstBytesNeverComeTimesOut() async throws {
        try await CountingServer.run(chunks: 0, headOnly: true) { server in
            let client = UpstreamClient()
            let response = try await client.send(server.request, body: ByteBuffer(), stream: true, timeout: 0.2, provider: "p")
            #expect(response.status == .ok)
            await #expect(throws: GatewayError.upstreamTimeout("p")) {
                for try await _ in response.body {}
            }
            try await server.waitForClosed(1)
            #expect(try await client.limitsPending() == 0)
            try await client.shutdown()
        }
    }

    /// Once a stream has started, the limit no longer applies: it runs as long as the upstream sends.
    @Test func aStartedStreamIsNotCutByTheTimeLimit() async throws {
        try await CountingServer.run(chunks: 3) { server in
            let client = UpstreamClient()
            let response = try await client.send(server.request, body: ByteBuffer(), stream: true, timeout: 0.3, provider: "p")
            var parts = 0
            for try await _ in response.body { parts += 1 }
            #expect(parts >= 1)
            #expect(try await client.limitsPending() == 0)
            try await client.shutdown()
        }
    }

    @Test func httpsUpstreamsAreVerifiedAgainstTheTrustRoots() async throws {
        let certificate = try NIOSSLCertificate(
            file: Repository.root.appendingPathComponent("Tests/Fixtures/tls/localhost.cert.pem").path, format: .pem)
        let key = try NIOSSLPrivateKey(
            file: Repository.root.appendingPathComponent("Tests/Fixtures/tls/localhost.key.pem").path, format: .pem)
        let server = try NIOSSLContext(
            configuration: .makeServerConfiguration(certificateChain: [.certificate(certificate)], privateKey: .privateKey(key)))
        try await CountingServer.run(chunks: 2, tls: server) { server in
            var request = server.request
            request.url = "https://localhost:\(server.port)/v1/chat/completions"
            var trusting = TLSConfiguration.makeClientConfiguration()
            trusting.trustRoots = .certificates([certificate])
            let client = UpstreamClient(tls: trusting)
            let response = try await UpstreamCall.send(
                request, body: ByteBuffer(), stream: false, timeout: 5, client: client, provider: "p")
            #expect(String(buffer: try await UpstreamCall.body(of: response, provider: "p")) == "data: x\n\ndata: x\n\n")
            try await client.shutdown()

            let systemRoots = UpstreamClient()  // a self-signed certificate is not trusted
            await #expect(throws: GatewayError.upstreamUnreachable("p")) {
                _ = try await UpstreamCall.send(request, body: ByteBuffer(), stream: false, timeout: 5, client: systemRoots, provider: "p")
            }
            try await systemRoots.shutdown()
        }
    }

    @Test func originsAndTargets() {
        let cases: [(String, UpstreamOrigin?, String?)] = [
            ("https://api.openai.com/v1/chat/completions", .init(tls: true, host: "api.openai.com", port: 443), "/v1/chat/completions"),
            ("http://127.0.0.1:8080", .init(tls: false, host: "127.0.0.1", port: 8080), "/"),
            ("http://[::1]:9/x?y=1#z", .init(tls: false, host: "::1", port: 9), "/x?y=1"),
            ("https://Example.COM?q", .init(tls: true, host: "example.com", port: 443), "/?q"),
            ("ftp://example.com/", nil, nil),
            ("http://user@example.com/", nil, nil),
            ("http://example.com:0/", nil, nil),
            ("http://example.com:x/", nil, nil),
        ]
        for (url, origin, target) in cases {
            let parsed = UpstreamOrigin.parse(url)
            #expect(parsed?.origin == origin, "\(url)")
            #expect(parsed?.target == target, "\(url)")
        }
        #expect(UpstreamOrigin(tls: true, host: "a.b", port: 443).hostHeader == "a.b")
        #expect(UpstreamOrigin(tls: false, host: "::1", port: 81).hostHeader == "[::1]:81")
    }
}

/// An HTTP/1.1 server that counts the connections it accepts and answers every request with
/// `chunks` SSE events (chunked; `size` bytes of data each, else one), or never (`silent`).
private final class CountingServer: Sendable {
    private let counts = Mutex((accepted: 0, closed: 0))
    let port: Int
    /// One element per whole request the server has read.
    let requestsReceived: AsyncStream<Void>
    private let requestReceived: AsyncStream<Void>.Continuation
    var request: UpstreamHTTPRequest {
        var request = UpstreamHTTPRequest(url: "http://127.0.0.1:\(port)/v1/chat/completions")
        request.method = .POST
        return request
    }
    var accepted: Int { counts.withLock { $0.accepted } }
    var closed: Int { counts.withLock { $0.closed } }

    private init(port: Int) {
        self.port = port
        (requestsReceived, requestReceived) = AsyncStream.makeStream(of: Void.self)
    }

    func waitForClosed(_ count: Int) async throws {
        for _ in 0..<1000 where counts.withLock({ $0.closed }) < count { try await Task.sleep(for: .milliseconds(10)) }
        #expect(counts.withLock { $0.closed } >= count)
    }

    static func run(
        chunks: Int, size: Int = 0, silent: Bool = false, headOnly: Bool = false, tls: NIOSSLContext? = nil,
        _ body: (CountingServer) async throws -> Void
    ) async throws {
        let box = Mutex<CountingServer?>(nil)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let server = box.withLock { $0 }!
                    server.counts.withLock { $0.accepted += 1 }
                    channel.closeFuture.whenComplete { _ in server.counts.withLock { $0.closed += 1 } }
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(
                        Answer(chunks: chunks, size: size, silent: silent, headOnly: headOnly) { server.requestReceived.yield() })
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = CountingServer(port: channel.localAddress!.port!)
        box.withLock { $0 = server }
        do {
            try await body(server)
        } catch {
            try await channel.close()
            throw error
        }
        try await channel.close()
    }

    private final class Answer: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let chunks: Int
        let event: String
        let silent: Bool
        /// The head, then nothing: a stream that never starts.
        let headOnly: Bool
        let received: @Sendable () -> Void

        init(chunks: Int, size: Int, silent: Bool, headOnly: Bool, received: @escaping @Sendable () -> Void) {
            self.chunks = chunks
            self.event = "data: \(size > 0 ? String(repeating: "x", count: size) : "x")\n\n"
            self.silent = silent
            self.headOnly = headOnly
            self.received = received
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case .end = unwrapInboundIn(data) else { return }
            received()
            guard !silent else { return }
            let head = HTTPResponseHead(version: .http1_1, status: .ok, headers: ["content-type": "text/event-stream"])
            guard !headOnly else {
                context.writeAndFlush(wrapOutboundOut(.head(head)), promise: nil)
                return
            }
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            for _ in 0..<chunks { context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: event)))), promise: nil) }
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
