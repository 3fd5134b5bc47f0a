import CoreMetrics
import Foundation
import Prometheus
import Synchronization

/// The gateway's Prometheus metrics (all named `brokle_*`), recorded through swift-metrics with a
/// factory bound to this gateway's own registry, so every instance (and every test) has its own.
/// Label values come from bounded sets: configured model names, provider names, status codes.
public struct GatewayMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
            .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
        ]
        self.factory = factory
        inFlight = CoreMetrics.Gauge(label: "brokle_requests_in_flight", factory: factory)
        traceQueueDepth = CoreMetrics.Gauge(label: "brokle_trace_queue_depth", factory: factory)
        tracesDropped = CoreMetrics.Counter(label: "brokle_traces_dropped_total", factory: factory)
        tracesWritten = CoreMetrics.Counter(label: "brokle_traces_written_total", factory: factory)
    }

    let inFlight: CoreMetrics.Gauge
    private let inFlightCount = InFlightCounter()

    /// A request began (call ``requestEnded()`` exactly once for it, streams included).
    func requestStarted() { inFlight.record(inFlightCount.add(1)) }
    func requestEnded() { inFlight.record(inFlightCount.add(-1)) }
    let traceQueueDepth: CoreMetrics.Gauge
    let tracesDropped: CoreMetrics.Counter
    let tracesWritten: CoreMetrics.Counter

    /// One finished request.
    func request(endpoint: Endpoint, model: String, provider: String, status: Int, duration: Duration, overhead: Duration?) {
        CoreMetrics.Counter(label: "brokle_requests_total", dimensions: [
            ("endpoint", endpoint.rawValue), ("model", model), ("provider", provider), ("status", String(status)),
        ], factory: factory).increment()
        CoreMetrics.Timer(label: "brokle_request_duration_seconds", dimensions: [("endpoint", endpoint.rawValue), ("model", model), ("provider", provider)],
              factory: factory).recordNanoseconds(duration.nanoseconds)
        if let overhead {
            CoreMetrics.Timer(label: "brokle_gateway_overhead_seconds", dimensions: [("endpoint", endpoint.rawValue)], factory: factory)
                .recordNanoseconds(overhead.nanoseconds)
        }
    }

    func timeToFirstToken(model: String, provider: String, _ duration: Duration) {
        CoreMetrics.Timer(label: "brokle_time_to_first_token_seconds", dimensions: [("model", model), ("provider", provider)], factory: factory)
            .recordNanoseconds(duration.nanoseconds)
    }

    func tokens(model: String, provider: String, input: Int, output: Int, cached: Int, reasoning: Int = 0) {
        for (type, count) in [("input", input), ("output", output), ("cached", cached), ("reasoning", reasoning)] where count > 0 {
            CoreMetrics.Counter(label: "brokle_tokens_total", dimensions: [("model", model), ("provider", provider), ("type", type)], factory: factory)
                .increment(by: count)
        }
    }

    func cost(model: String, provider: String, usd: Double) {
        FloatingPointCounter(label: "brokle_cost_usd_total", dimensions: [("model", model), ("provider", provider)], factory: factory)
            .increment(by: usd)
    }

    func unpriced(model: String, provider: String) {
        CoreMetrics.Counter(label: "brokle_unpriced_requests_total", dimensions: [("model", model), ("provider", provider)], factory: factory)
            .increment()
    }

    func authFailure(_ reason: KeyRejection) {
        CoreMetrics.Counter(label: "brokle_auth_failures_total", dimensions: [("reason", reason.rawValue)], factory: factory).increment()
    }

    func providerError(provider: String, type: String) {
        CoreMetrics.Counter(label: "brokle_provider_errors_total", dimensions: [("provider", provider), ("type", type)], factory: factory).increment()
    }

    /// One upstream attempt and how it ended (`ok`, or a failure kind such as `5xx`).
    func attempt(provider: String, outcome: String) {
        CoreMetrics.Counter(label: "brokle_attempts_total", dimensions: [("provider", provider), ("outcome", outcome)], factory: factory).increment()
    }

    /// A request moved on from one target to the next.
    func fallback(model: String, from provider: String) {
        CoreMetrics.Counter(label: "brokle_fallbacks_total", dimensions: [("model", model), ("from_provider", provider)], factory: factory).increment()
    }

    /// A request tried the same target again.
    func retry(model: String, provider: String) {
        CoreMetrics.Counter(label: "brokle_retries_total", dimensions: [("model", model), ("provider", provider)], factory: factory).increment()
    }

    /// A deployment's circuit: 0 closed, 1 half-open, 2 open.
    func circuit(deployment: String, state: CircuitBreaker.State) {
        CoreMetrics.Gauge(label: "brokle_circuit_state", dimensions: [("deployment", deployment)], factory: factory).record(state.gaugeValue)
    }

    /// The Prometheus text exposition of everything recorded.
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    var milliseconds: Double { Double(nanoseconds) / 1_000_000 }
}

/// The number behind `brokle_requests_in_flight`.
final class InFlightCounter: Sendable {
    private let value = Atomic<Int>(0)
    func add(_ delta: Int) -> Int { value.wrappingAdd(delta, ordering: .relaxed).newValue }
}
