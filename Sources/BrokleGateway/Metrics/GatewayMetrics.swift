import BrokleCore
import BrokleProviders
import CoreMetrics
import Foundation
import Prometheus
import Synchronization

/// The gateway's Prometheus metrics (all named `brokle_*`), recorded through swift-metrics with a
/// factory bound to this gateway's own registry, so every instance (and every test) has its own.
/// Label values come from bounded sets: configured model names, provider names, status codes.
package struct GatewayMetrics: Sendable {
    package let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory

    package init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
            .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
        ]
        self.factory = factory
        handles = MetricHandles()
        inFlight = CoreMetrics.Gauge(label: "brokle_requests_in_flight", factory: factory)
        traceQueueDepth = CoreMetrics.Gauge(label: "brokle_trace_queue_depth", factory: factory)
        tracesDropped = CoreMetrics.Counter(label: "brokle_traces_dropped_total", factory: factory)
        tracesWritten = CoreMetrics.Counter(label: "brokle_traces_written_total", factory: factory)
        tracesSpilled = CoreMetrics.Counter(label: "brokle_traces_spilled_total", factory: factory)
        tracesIngested = CoreMetrics.Counter(label: "brokle_traces_ingested_total", factory: factory)
        databaseUp = CoreMetrics.Gauge(label: "brokle_database_up", factory: factory)
        authStale = CoreMetrics.Counter(label: "brokle_auth_stale_total", factory: factory)
        cacheEntries = CoreMetrics.Gauge(label: "brokle_cache_entries", factory: factory)
        cacheBytes = CoreMetrics.Gauge(label: "brokle_cache_bytes", factory: factory)
        databaseUp.record(1)
    }

    /// The handles made so far, by metric and label values: made once per label set, not per request.
    let handles: MetricHandles
    let inFlight: CoreMetrics.Gauge
    private let inFlightCount = InFlightCounter()

    /// A request began (call ``requestEnded()`` exactly once for it, streams included).
    func requestStarted() { inFlight.record(inFlightCount.add(1)) }
    func requestEnded() { inFlight.record(inFlightCount.add(-1)) }
    var requestsInFlight: Int { inFlightCount.current }
    var requestsStarted: Int { inFlightCount.total }
    let traceQueueDepth: CoreMetrics.Gauge
    let tracesDropped: CoreMetrics.Counter
    let tracesWritten: CoreMetrics.Counter
    /// Traces written to the spill folder because the database could not take them.
    let tracesSpilled: CoreMetrics.Counter
    /// Spilled traces read back into the database (new ones only).
    let tracesIngested: CoreMetrics.Counter
    /// 1 while the database answers, 0 while it does not.
    let databaseUp: CoreMetrics.Gauge
    /// Requests let through on a key last confirmed before the database became unreachable.
    let authStale: CoreMetrics.Counter
    /// Live response-cache entries and their bytes, as of the last sweep.
    let cacheEntries: CoreMetrics.Gauge
    let cacheBytes: CoreMetrics.Gauge

    /// A database call that failed, by what it was for (`authenticate`, `write_traces`, …).
    func databaseError(operation: String) {
        handles.counter(.init(.databaseErrors, operation)) {
            CoreMetrics.Counter(label: "brokle_database_errors_total", dimensions: [("operation", operation)], factory: factory)
        }.increment()
    }

    /// The handles the requests of one (endpoint, model, provider) record into when they finish.
    func requestMetrics(endpoint: Endpoint, model: String, provider: String) -> RequestMetricSet {
        handles.requestSet(.init(.requests, endpoint.rawValue, model, provider)) {
            RequestMetricSet(endpoint: endpoint.rawValue, model: model, provider: provider, factory: factory)
        }
    }

    func unpriced(model: String, provider: String) {
        handles.counter(.init(.unpriced, model, provider)) {
            CoreMetrics.Counter(
                label: "brokle_unpriced_requests_total", dimensions: [("model", model), ("provider", provider)], factory: factory)
        }.increment()
    }

    func authFailure(_ reason: KeyRejection) {
        handles.counter(.init(.authFailures, reason.rawValue)) {
            CoreMetrics.Counter(label: "brokle_auth_failures_total", dimensions: [("reason", reason.rawValue)], factory: factory)
        }.increment()
    }

    func providerError(provider: String, type: String) {
        handles.counter(.init(.providerErrors, provider, type)) {
            CoreMetrics.Counter(
                label: "brokle_provider_errors_total", dimensions: [("provider", provider), ("type", type)], factory: factory)
        }.increment()
    }

    /// One upstream attempt and how it ended (`ok`, or a failure kind such as `5xx`).
    func attempt(provider: String, outcome: String) {
        handles.counter(.init(.attempts, provider, outcome)) {
            CoreMetrics.Counter(
                label: "brokle_attempts_total", dimensions: [("provider", provider), ("outcome", outcome)], factory: factory)
        }.increment()
    }

    /// A request moved on from one target to the next.
    func fallback(model: String, from provider: String) {
        handles.counter(.init(.fallbacks, model, provider)) {
            CoreMetrics.Counter(
                label: "brokle_fallbacks_total", dimensions: [("model", model), ("from_provider", provider)], factory: factory)
        }.increment()
    }

    /// A request tried the same target again.
    func retry(model: String, provider: String) {
        handles.counter(.init(.retries, model, provider)) {
            CoreMetrics.Counter(label: "brokle_retries_total", dimensions: [("model", model), ("provider", provider)], factory: factory)
        }.increment()
    }

    /// A deployment's circuit: 0 closed, 1 half-open, 2 open.
    func circuit(_ target: RouteTarget, state: CircuitBreaker.State) {
        handles.gauge(.init(.circuit, target.provider, target.model)) {
            CoreMetrics.Gauge(label: "brokle_circuit_state", dimensions: [("deployment", target.id)], factory: factory)
        }.record(state.gaugeValue)
    }

    /// The Prometheus text exposition of everything recorded.
    package func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}

/// The number behind `brokle_requests_in_flight`.
final class InFlightCounter: Sendable {
    private let value = Atomic<Int>(0)
    private let started = Atomic<Int>(0)
    func add(_ delta: Int) -> Int {
        if delta > 0 { started.wrappingAdd(delta, ordering: .relaxed) }
        return value.wrappingAdd(delta, ordering: .relaxed).newValue
    }
    var current: Int { value.load(ordering: .relaxed) }
    /// Requests started since the gateway began.
    var total: Int { started.load(ordering: .relaxed) }
}

/// swift-metrics handles by metric and label values. Building a handle sanitizes its name and labels
/// and looks it up in the registry; caching it makes recording one lock and one hash lookup (and a
/// finished request's metrics one lookup for all, through its ``RequestMetricSet``).
/// Label values are bounded (see ``GatewayMetrics``), so the cache is too.
final class MetricHandles: Sendable {
    enum Metric: UInt8 {
        case requests, requestDuration, overhead, timeToFirstToken, tokens, cost, unpriced, authFailures
        case providerErrors, attempts, fallbacks, retries, circuit, databaseErrors
        case cacheLookups, cacheSavedTokens, cacheSavedUSD, cacheErrors, limitRefusals, limitUnenforced, limitRules, budgetUsed, budgetLimit
        case otelSpansDropped, otelSpansExported, responsesStoreErrors, guardrailFindings, prunedRows, pruneLastSuccess
    }

    struct Key: Hashable {
        var metric: Metric
        var a: String
        var b = ""
        var c = ""
        var status = 0

        init(_ metric: Metric, _ a: String, _ b: String = "", _ c: String = "", status: Int = 0) {
            (self.metric, self.a, self.b, self.c, self.status) = (metric, a, b, c, status)
        }
    }

    private let counters = Mutex<[Key: CoreMetrics.Counter]>([:])
    private let floatingPointCounters = Mutex<[Key: FloatingPointCounter]>([:])
    private let timers = Mutex<[Key: CoreMetrics.Timer]>([:])
    private let gauges = Mutex<[Key: CoreMetrics.Gauge]>([:])
    private let requestSets = Mutex<[Key: RequestMetricSet]>([:])

    func counter(_ key: Key, make: () -> CoreMetrics.Counter) -> CoreMetrics.Counter { Self.handle(key, in: counters, make: make) }
    func floatingPointCounter(_ key: Key, make: () -> FloatingPointCounter) -> FloatingPointCounter {
        Self.handle(key, in: floatingPointCounters, make: make)
    }
    func timer(_ key: Key, make: () -> CoreMetrics.Timer) -> CoreMetrics.Timer { Self.handle(key, in: timers, make: make) }
    func gauge(_ key: Key, make: () -> CoreMetrics.Gauge) -> CoreMetrics.Gauge { Self.handle(key, in: gauges, make: make) }
    func requestSet(_ key: Key, make: () -> RequestMetricSet) -> RequestMetricSet { Self.handle(key, in: requestSets, make: make) }

    private static func handle<Handle: Sendable>(_ key: Key, in cache: borrowing Mutex<[Key: Handle]>, make: () -> Handle) -> Handle {
        if let handle = cache.withLock({ $0[key] }) { return handle }
        // Made outside the lock; the registry hands back the same metric if two requests race here.
        let handle = make()
        return cache.withLock { cache in
            if let existing = cache[key] { return existing }
            cache[key] = handle
            return handle
        }
    }
}
