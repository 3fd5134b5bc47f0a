import ArgumentParser
import AsyncHTTPClient
import Hummingbird
import NIOCore
import NIOPosix

/// `brokle-bench passthrough --upstream URL`: the floor for any gateway built on this stack — a
/// Hummingbird server whose one handler forwards the body to the upstream with AsyncHTTPClient
/// and returns the answer (no auth, routing, traces or metrics). `make bench` measures it beside
/// the gateway, so the figures show what the HTTP hop itself costs and what Brokle adds to it.
/// Prints `{"listening": PORT}` when ready.
struct BarePassthrough: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passthrough", abstract: "Run a bare forwarding server (the stack's floor).")

    @Option var port = 0
    @Option var upstream: String

    func run() async throws {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 1024
        configuration.tracing.tracer = nil
        let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
        let target = upstream
        let router = Router()
        router.post("/v1/chat/completions") { request, _ -> Response in
            var request = request
            var call = HTTPClientRequest(url: target)
            call.method = .POST
            call.headers.add(name: "content-type", value: "application/json")
            call.body = .bytes(try await request.collectBody(upTo: 8 << 20))
            let response = try await client.execute(call, timeout: .seconds(60))
            let body = try await response.body.collect(upTo: 64 << 20)
            return Response(
                status: .init(code: Int(response.status.code)), headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
        }
        try await BenchServer.run(router, port: port)
        try await client.shutdown()
    }
}
