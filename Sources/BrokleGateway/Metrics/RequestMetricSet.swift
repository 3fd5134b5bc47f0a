import BrokleCore
import CoreMetrics
import Prometheus
import Synchronization

/// The handles every finished request of one (endpoint, model, provider) records into, found with
/// one lookup per request instead of one per metric (each lookup hashes the label strings under a
/// lock). The duration timer is made with the set; the rest (each status, token type, cost, time to
/// first token, overhead) the first time a request records them, so the exposition shows no series
/// that nothing recorded.
final class RequestMetricSet: Sendable {
    /// What one finished request recorded.
    struct Reading {
        var status: Int
        var duration: Duration
        var overhead: Duration?
        var usage: TokenUsage
        var usd: Double?
        var firstToken: Duration?
    }

    /// The handles one reading records into (`requests`: the one of its status).
    private struct Handles {
        var requests: CoreMetrics.Counter?
        var input, output, cached, reasoning: CoreMetrics.Counter?
        var cost: FloatingPointCounter?
        var firstToken: CoreMetrics.Timer?
        var overhead: CoreMetrics.Timer?
    }

    private struct Made {
        var requests: [Int: CoreMetrics.Counter] = [:]
        var other = Handles()
    }

    let endpoint: String
    let model: String
    let provider: String
    private let factory: PrometheusMetricsFactory
    private let duration: CoreMetrics.Timer
    private let made = Mutex(Made())

    init(endpoint: String, model: String, provider: String, factory: PrometheusMetricsFactory) {
        (self.endpoint, self.model, self.provider, self.factory) = (endpoint, model, provider, factory)
        duration = CoreMetrics.Timer(
            label: "brokle_request_duration_seconds", dimensions: [("endpoint", endpoint), ("model", model), ("provider", provider)],
            factory: factory)
    }

    func record(_ reading: Reading) {
        let usage = reading.usage
        // Only the handles this reading needs, made under the lock when first needed.
        let handles = made.withLock { made -> Handles in
            var handles = Handles()
            handles.requests = Self.slot(&made.requests[reading.status]) { counter(status: reading.status) }
            if usage.input > 0 { handles.input = Self.slot(&made.other.input) { tokens("input") } }
            if usage.output > 0 { handles.output = Self.slot(&made.other.output) { tokens("output") } }
            if usage.cachedInput > 0 { handles.cached = Self.slot(&made.other.cached) { tokens("cached") } }
            if usage.reasoning > 0 { handles.reasoning = Self.slot(&made.other.reasoning) { tokens("reasoning") } }
            if reading.usd != nil {
                handles.cost = Self.slot(&made.other.cost) {
                    FloatingPointCounter(
                        label: "brokle_cost_usd_total", dimensions: [("model", model), ("provider", provider)], factory: factory)
                }
            }
            if reading.firstToken != nil {
                handles.firstToken = Self.slot(&made.other.firstToken) {
                    CoreMetrics.Timer(
                        label: "brokle_time_to_first_token_seconds", dimensions: [("model", model), ("provider", provider)],
                        factory: factory)
                }
            }
            if reading.overhead != nil {
                handles.overhead = Self.slot(&made.other.overhead) {
                    CoreMetrics.Timer(label: "brokle_gateway_overhead_seconds", dimensions: [("endpoint", endpoint)], factory: factory)
                }
            }
            return handles
        }
        handles.requests?.increment()
        duration.recordNanoseconds(reading.duration.nanoseconds)
        handles.input?.increment(by: usage.input)
        handles.output?.increment(by: usage.output)
        handles.cached?.increment(by: usage.cachedInput)
        handles.reasoning?.increment(by: usage.reasoning)
        if let usd = reading.usd { handles.cost?.increment(by: usd) }
        if let first = reading.firstToken { handles.firstToken?.recordNanoseconds(first.nanoseconds) }
        if let overhead = reading.overhead { handles.overhead?.recordNanoseconds(overhead.nanoseconds) }
    }

    private static func slot<Handle>(_ slot: inout Handle?, make: () -> Handle) -> Handle {
        if let handle = slot { return handle }
        let handle = make()
        slot = handle
        return handle
    }

    private func counter(status: Int) -> CoreMetrics.Counter {
        CoreMetrics.Counter(
            label: "brokle_requests_total",
            dimensions: [("endpoint", endpoint), ("model", model), ("provider", provider), ("status", String(status))], factory: factory)
    }

    private func tokens(_ type: String) -> CoreMetrics.Counter {
        CoreMetrics.Counter(
            label: "brokle_tokens_total", dimensions: [("model", model), ("provider", provider), ("type", type)], factory: factory)
    }
}
