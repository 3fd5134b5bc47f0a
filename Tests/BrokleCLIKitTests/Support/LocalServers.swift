import Hummingbird
import ServiceLifecycle

/// Local HTTP servers standing in for providers: each router on a free loopback port for the
/// duration of a test body, shut down afterwards whatever the body does.
enum LocalServers {
    static func run<T: Sendable>(_ routers: [Router<BasicRequestContext>], _ body: @Sendable ([Int]) async throws -> T) async throws -> T {
        var apps: [any Service] = []
        var announced: [AsyncStream<Int>] = []
        for router in routers {
            let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
            announced.append(ports)
            apps.append(
                Application(
                    router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                    onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }
                ))
        }
        let group = ServiceGroup(configuration: .init(services: apps, logger: TestDatabase.logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var ports: [Int] = []
            for stream in announced {
                var iterator = stream.makeAsyncIterator()
                ports.append(await iterator.next() ?? 0)
            }
            do {
                let value = try await body(ports)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return value
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
        }
    }

    /// One router's port.
    static func run<T: Sendable>(_ router: Router<BasicRequestContext>, _ body: @Sendable (Int) async throws -> T) async throws -> T {
        try await run([router]) { ports in try await body(ports[0]) }
    }
}
