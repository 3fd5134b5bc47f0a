import ArgumentParser
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// `brokle-bench floor --upstream URL`: the floor of a forwarder with no thread hops — SwiftNIO channel
/// handlers only (`FloorForwarder`, `FloorUpstreamPool`), where the inbound connection, its upstream
/// connection and the work of each request stay on one event loop. `make bench` measures it beside
/// nginx as a reverse proxy and the Hummingbird + AsyncHTTPClient forwarder (`passthrough`).
/// Prints `{"listening": PORT}` when ready.
struct FloorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "floor", abstract: "Run a one-event-loop SwiftNIO forwarder (the floor without thread hops).")

    @Option var port = 0
    @Option var upstream: String
    @Option(help: "Event loops (each with its own upstream pool).") var threads = 1

    func run() async throws {
        guard let url = URL(string: upstream), let host = url.host, url.scheme == "http" else {
            throw ValidationError("--upstream must be an http:// URL")
        }
        let address = try SocketAddress.makeAddressResolvingHost(host, port: url.port ?? 80)
        let path = url.path.isEmpty ? "/" : url.path + (url.query.map { "?" + $0 } ?? "")
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, threads))
        var pools: [ObjectIdentifier: NIOLoopBound<FloorUpstreamPool>] = [:]
        for loop in group.makeIterator() {
            pools[ObjectIdentifier(loop)] = try await loop.submit {
                NIOLoopBound(FloorUpstreamPool(eventLoop: loop, address: address), eventLoop: loop)
            }.get()
        }
        let loopPools = pools
        let server = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    guard let pool = loopPools[ObjectIdentifier(channel.eventLoop)]?.value else { throw ChannelError.ioOnClosedChannel }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(FloorForwarder(pool: pool, path: path))
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        FileHandle.standardOutput.write(Data(#"{"listening":\#(server.localAddress?.port ?? 0)}"#.utf8 + [0x0A]))
        try await server.closeFuture.get()
    }
}
