import BrokleCore
import BrokleProviders
import BrokleSettings
import BrokleStorage
import BrokleTransport
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The gateway: its HTTP application and what it owns (database connections, the upstream HTTP
/// client, the trace writer, the database monitor). Build it with
/// ``start(config:settings:logger:migrate:)``, run it with ``run(onListening:)``; on SIGTERM/SIGINT
/// it stops accepting, lets in-flight requests and streams finish (up to the drain timeout), writes
/// the queued traces (or spills them when the database is down) and returns.
package final class Gateway: Sendable {
    package let settings: GatewaySettings
    package let metrics: GatewayMetrics
    package let traceWriter: TraceWriter
    let responseCache: ResponseCache
    let responseState: ResponseState
    let limiter: Limiter
    let guardrails: GuardrailBook
    let logging: LoggingBook
    let monitor: DatabaseMonitor
    let writer: Database
    let reader: Database
    let client: UpstreamClient
    let responder: RouterResponder<BasicRequestContext>
    let routes: ProxyRoutes
    let logger: Logger
    let telemetry: GatewayTelemetry?
    /// The dashboard's live events (nil with `BROKLE_UI=off`).
    let events: DashboardEvents?

    private init(
        settings: GatewaySettings, metrics: GatewayMetrics, traceWriter: TraceWriter, responseCache: ResponseCache,
        responseState: ResponseState, limiter: Limiter, guardrails: GuardrailBook, logging: LoggingBook, monitor: DatabaseMonitor,
        writer: Database,
        reader: Database, client: UpstreamClient,
        responder: RouterResponder<BasicRequestContext>, routes: ProxyRoutes, logger: Logger, telemetry: GatewayTelemetry?,
        events: DashboardEvents?
    ) {
        self.events = events
        self.routes = routes
        self.telemetry = telemetry
        self.settings = settings
        self.metrics = metrics
        self.traceWriter = traceWriter
        self.responseCache = responseCache
        self.responseState = responseState
        self.limiter = limiter
        self.guardrails = guardrails
        self.logging = logging
        self.monitor = monitor
        self.writer = writer
        self.reader = reader
        self.client = client
        self.responder = responder
        self.logger = logger
    }

    /// Opens the database (checking, or with `migrate` applying, the schema) and wires everything.
    package static func start(config: BrokleConfig, settings: GatewaySettings, logger: Logger, migrate: Bool = false)
        async throws(BrokleError) -> Gateway
    {
        let options = Database.Options(callTimeout: .seconds(settings.traceWriteTimeout), maximumConnections: 10)
        let writer = try await Database.connect(config.databaseURL, options: options, logger: logger)
        do throws(BrokleError) {
            let migrator = try Migrator(database: writer, logger: logger)
            if migrate { try await migrator.up() }
            let pending = try await migrator.pendingUp()
            if let first = pending.first {
                throw BrokleError(
                    .migration, "the database at \(writer.url) is missing \(pending.count) migration(s), starting with \(first.label)",
                    hint: "run `brokle migrate up`, or start the proxy with --migrate")
            }
            // SQLite: a second connection for reads (key lookups, health), so they never queue behind
            // a trace batch. An in-memory SQLite database exists only on its one connection, and a
            // PostgreSQL database is already a pool.
            let reader =
                config.databaseURL.dialect == .postgres || config.databaseURL == .sqliteMemory
                ? writer : try await Database.connect(config.databaseURL, options: options, logger: logger)
            do throws(BrokleError) {
                let gateway = try build(settings: settings, writer: writer, reader: reader, logger: logger)
                // The logging policies are read before the gateway listens: until then nothing is captured.
                await gateway.logging.firstLoad(timeout: .seconds(2))
                return gateway
            } catch {
                if reader !== writer { await reader.close() }
                throw error
            }
        } catch {
            await writer.close()
            throw error
        }
    }

    static func build(settings: GatewaySettings, writer: Database, reader: Database, logger: Logger) throws(BrokleError) -> Gateway {
        let metrics = GatewayMetrics()
        let client = UpstreamClient(maxConnectionsPerOrigin: settings.upstreamMaxConnections)

        let usage = KeyUsageRecorder()
        let monitor = DatabaseMonitor(database: reader, settings: settings, metrics: metrics, logger: logger)
        let health = RouteHealth(policy: settings.routing.circuitBreaker, metrics: metrics, clock: settings.routingClock)
        let events =
            settings.dashboard.enabled
            ? DashboardEvents(monitor: monitor, health: health, budgets: BudgetWatch(store: BudgetStore(reader))) : nil
        var written: (@Sendable ([TraceRecord]) -> Void)?
        if let events { written = { events.written($0) } }
        let traceWriter = TraceWriter(
            store: TraceStore(writer), keys: KeyStore(writer), usage: usage, monitor: monitor, settings: settings, metrics: metrics,
            logger: logger, written: written
        )
        let telemetry = try GatewayTelemetry.make(
            settings.telemetry, catalog: settings.catalog, backlog: traceWriter, metrics: metrics, logger: logger)
        let authenticator = Authenticator(
            cache: KeyCache(
                ttl: settings.authCacheTTL, negativeTTL: settings.authNegativeCacheTTL, staleIfError: settings.authStaleIfError),
            store: KeyStore(reader), usage: usage, metrics: metrics, monitor: monitor,
            lookupTimeout: .seconds(settings.authLookupTimeout)
        )
        let providers = ProviderRegistry(catalog: settings.catalog, client: client)
        let attempts = RouteStage(settings: settings, providers: providers, health: health, metrics: metrics)
        let responseCache = ResponseCache(
            reads: CacheStore(reader), writes: CacheStore(writer), settings: settings.cache, monitor: monitor, metrics: metrics,
            logger: logger)
        let responseState = ResponseState(
            reads: ResponseStore(reader), writes: ResponseStore(writer), settings: settings.responses, monitor: monitor, metrics: metrics,
            logger: logger)
        var embedders: [String: any Embedder] = [:]
        for route in settings.catalog.models {
            guard case .model(let name)? = route.cache?.embedder else { continue }
            embedders[name] = ProviderEmbedder(model: name, attempts: attempts, prices: settings.prices, logger: logger)
        }
        let limiter = Limiter(
            store: LimitLeaseStore(writer), rules: LimitRulesStore(reader), settings: settings.limits, plans: settings.plans,
            monitor: monitor, metrics: metrics, logger: logger)
        let guardrails = GuardrailBook(
            settings: settings.guardrails, store: GuardrailPolicyStore(reader), metrics: metrics, logger: logger)
        let logging = LoggingBook(
            settings: settings.requestLogs, refresh: settings.guardrails.refresh, store: LoggingPolicyStore(reader), metrics: metrics)
        let proxy = ProxyHandler(
            settings: settings, authenticator: authenticator,
            admission: Admission(limiter: limiter, prices: settings.prices, outputEstimate: settings.limits.outputEstimate),
            cache: CacheLookup(cache: responseCache, embedders: CacheEmbedders(models: embedders)), attempts: attempts,
            recorder: RequestRecorder(prices: settings.prices, metrics: metrics, traces: traceWriter, limiter: limiter, logger: logger),
            metrics: metrics, telemetry: telemetry, guardrails: guardrails, logging: logging
        )
        let info = InfoHandlers(
            settings: settings, authenticator: authenticator, monitor: monitor, metrics: metrics, cache: responseCache)

        let routes = ProxyRoutes(
            proxy: proxy,
            responses: ResponsesDialect(state: responseState, servedNatively: ResponsesDialect.servedNatively(settings.catalog, providers)))
        let router = Router(context: BasicRequestContext.self)
        router.middlewares.add(OpenAIErrorMiddleware())
        routes.register(on: router)
        ResponsesHandlers(authenticator: authenticator, state: responseState).register(on: router)
        router.get("/v1/models") { request, context in await info.models(request, context: context) }
        router.get("/v1/models/**") { request, context in await info.model(request, context: context) }
        router.get("/health") { request, context in info.health(request, context: context) }
        router.get("/health/db") { request, context in await info.databaseHealth(request, context: context) }
        router.get("/health/cache") { request, context in await info.cacheHealth(request, context: context) }
        router.get("/metrics") { request, context in info.prometheus(request, context: context) }
        if let events {
            DashboardRoutes(
                settings: settings.dashboard, reader: reader, writer: writer, events: events, health: health, catalog: settings.catalog,
                plans: settings.plans, guardrails: settings.guardrails
            ).register(on: router)
        }

        return Gateway(
            settings: settings, metrics: metrics, traceWriter: traceWriter, responseCache: responseCache,
            responseState: responseState, limiter: limiter, guardrails: guardrails, logging: logging, monitor: monitor,
            writer: writer, reader: reader, client: client, responder: router.buildResponder(), routes: routes, logger: logger,
            telemetry: telemetry, events: events)
    }

    /// The gateway as one service: the HTTP server and what runs beside it (telemetry export,
    /// trace writer, response cache, limiter, database monitor, trace pruning, memory trimmer), for running or for
    /// in-process tests. Services stop in reverse order: the server drains first, the trace writer
    /// stops after it, and spans are flushed last.
    package func application(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some Service {
        let server = GatewayServer(
            host: settings.host, port: settings.port, responder: responder, routes: routes, bodyLimit: settings.maxBodyBytes,
            onListening: onListening,
            logger: logger)
        var services: [any Service] = telemetry.map { [$0.exporter] } ?? []
        services += [traceWriter, responseCache, responseState, limiter, guardrails, logging, monitor]
        services.append(TracePruning(database: writer, settings: settings.requestLogs, metrics: metrics, logger: logger))
        if settings.trimsMemory { services.append(MemoryTrimmer(metrics: metrics)) }
        services.append(server)
        // After the server, so it stops first: open dashboards' event streams end before the drain waits on them.
        if let events { services.append(events) }
        return ServiceGroup(configuration: .init(services: services, logger: logger))
    }

    /// Serves until SIGTERM/SIGINT, then drains, flushes traces and closes what it owns. Shutdown
    /// always ends: the drain has `drainTimeout`, the last trace write `traceWriteTimeout`, the last
    /// span export its export timeout, and past them (plus a margin) everything is cancelled — the
    /// trace writer spills what is left either way.
    package func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        var configuration = ServiceGroupConfiguration(
            services: [application(onListening: onListening)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
        )
        let flush = settings.telemetry.enabled ? settings.telemetry.exportTimeout : 0
        configuration.maximumGracefulShutdownDuration = .seconds(settings.drainTimeout + settings.traceWriteTimeout + flush + 5)
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

    /// Waits until the work finished requests left behind is done: their traces and stored
    /// responses written and their spans exported (for benchmarks that count that work with the
    /// requests).
    package func settle() async {
        await traceWriter.flush()
        await responseState.flush()
        while let exporter = telemetry?.exporter, exporter.busy { try? await Task.sleep(for: .milliseconds(5)) }
    }

    /// Releases the upstream client and the database connections.
    package func close() async {
        try? await client.shutdown()
        if reader !== writer { await reader.close() }
        await writer.close()
    }
}
