import AsyncHTTPClient
import NIOPosix

/// The one pooled HTTP client all providers share, configured for a gateway.
enum UpstreamClient {
    static func make() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.decompression = .disabled
        configuration.redirectConfiguration = .disallow
        configuration.connectionPool = .init(idleTimeout: .seconds(60))
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 1024
        // A refused connection fails the attempt at once instead of being retried quietly until the
        // connect timeout: the route's own retries and fallbacks decide what happens next, and a
        // down provider must not cost every request ten seconds.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        // No distributed tracing is bootstrapped; without this the client still opens a no-op span
        // per request and parses its URL a second time for the span's attributes.
        configuration.tracing.tracer = nil
        return HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }
}
