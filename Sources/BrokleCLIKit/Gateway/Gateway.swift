import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The gateway: its HTTP application and what it owns (database connections, the upstream HTTP
/// client, the trace writer). Build it with ``start(config:settings:logger:migrate:)``, run it with
/// ``run(onListening:)``; on SIGTERM/SIGINT it stops accepting, lets in-flight requests and streams
/// finish (up to the drain timeout), writes the queued traces and returns.
public final class Gateway: Sendable {
    public let settings: GatewaySettings
    public let metrics: GatewayMetrics
    public let traceWriter: TraceWriter
    let writer: Database
    let reader: Database
    let client: HTTPClient
    let responder: RouterResponder<BasicRequestContext>
    let logger: Logger

    private init(settings: GatewaySettings, metrics: GatewayMetrics, traceWriter: TraceWriter, writer: Database, reader: Database,
                 client: HTTPClient, responder: RouterResponder<BasicRequestContext>, logger: Logger) {
        self.settings = settings
        self.metrics = metrics
        self.traceWriter = traceWriter
        self.writer = writer
        self.reader = reader
        self.client = client
        self.responder = responder
        self.logger = logger
    }

    /// Opens the database (checking, or with `migrate` applying, the schema) and wires everything.
    public static func start(config: BrokleConfig, settings: GatewaySettings, logger: Logger, migrate: Bool = false) async throws(BrokleError) -> Gateway {
        let writer = try await Database.connect(config.databaseURL, logger: logger)
        do throws(BrokleError) {
            let migrator = try Migrator(database: writer, logger: logger)
            if migrate { try await migrator.up() }
            let pending = try await migrator.pendingUp()
            if let first = pending.first {
                throw BrokleError(.migration, "the database at \(writer.url) is missing \(pending.count) migration(s), starting with \(first.label)",
                                  hint: "run `brokle migrate up`, or start the proxy with --migrate")
            }
            // A second connection for reads (key lookups, health), so they never queue behind a
            // trace batch. An in-memory SQLite database exists only on its one connection.
            let reader = config.databaseURL == .sqliteMemory ? writer : try await Database.connect(config.databaseURL, logger: logger)
            return build(settings: settings, writer: writer, reader: reader, logger: logger)
        } catch {
            await writer.close()
            throw error
        }
    }

    static func build(settings: GatewaySettings, writer: Database, reader: Database, logger: Logger) -> Gateway {
        let client = UpstreamClient.make()

        let metrics = GatewayMetrics()
        let usage = KeyUsageRecorder()
        let traceWriter = TraceWriter(
            store: TraceStore(writer), keys: KeyStore(writer), usage: usage, settings: settings, metrics: metrics, logger: logger
        )
        let authenticator = Authenticator(
            cache: KeyCache(ttl: settings.authCacheTTL, negativeTTL: settings.authNegativeCacheTTL),
            store: KeyStore(reader), usage: usage, metrics: metrics
        )
        let proxy = ProxyHandler(
            settings: settings,
            runner: AttemptRunner(
                providers: ProviderRegistry(catalog: settings.catalog, client: client),
                health: RouteHealth(policy: settings.routing.circuitBreaker, metrics: metrics), metrics: metrics
            ),
            authenticator: authenticator, traces: traceWriter, metrics: metrics,
            costs: CostMeter(prices: settings.prices, metrics: metrics, logger: logger)
        )
        let info = InfoHandlers(settings: settings, authenticator: authenticator, reader: reader, metrics: metrics)

        let router = Router(context: BasicRequestContext.self)
        router.middlewares.add(OpenAIErrorMiddleware())
        router.post("/v1/chat/completions") { request, context in await proxy.handle(request, context: context, endpoint: .chatCompletions) }
        router.post("/v1/completions") { request, context in await proxy.handle(request, context: context, endpoint: .completions) }
        router.post("/v1/messages") { request, context in await proxy.handle(request, context: context, endpoint: .chatCompletions, dialect: .anthropic) }
        router.post("/v1/embeddings") { request, context in await proxy.handle(request, context: context, endpoint: .embeddings) }
        router.get("/v1/models") { request, context in await info.models(request, context: context) }
        router.get("/v1/models/**") { request, context in await info.model(request, context: context) }
        router.get("/health") { request, context in info.health(request, context: context) }
        router.get("/health/db") { request, context in await info.databaseHealth(request, context: context) }
        router.get("/metrics") { request, context in info.prometheus(request, context: context) }

        return Gateway(settings: settings, metrics: metrics, traceWriter: traceWriter, writer: writer, reader: reader,
                       client: client, responder: router.buildResponder(), logger: logger)
    }

    /// The Hummingbird application (server + trace writer), for running or for in-process tests.
    public func application(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        var app = Application(
            responder: responder,
            server: .watchedHTTP1(),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: nil),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        app.addServices(traceWriter, MemoryTrimmer(metrics: metrics))
        return app
    }

    /// Serves until SIGTERM/SIGINT, then drains, flushes traces and closes what it owns.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        var configuration = ServiceGroupConfiguration(
            services: [application(onListening: onListening)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
        )
        configuration.maximumGracefulShutdownDuration = .milliseconds(Int64(settings.drainTimeout * 1000))
        configuration.cancellationSignals = []
        let group = ServiceGroup(configuration: configuration)
        do {
            try await group.run()
        } catch {
            await close()
            throw error
        }
        await close()
    }

    /// Releases the upstream client and the database connections.
    public func close() async {
        try? await client.shutdown()
        if reader !== writer { await reader.close() }
        await writer.close()
    }
}
