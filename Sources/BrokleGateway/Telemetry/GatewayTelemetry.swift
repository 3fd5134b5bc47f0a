import BrokleCore
import BrokleProviders
import BrokleSettings
import Logging

/// OpenTelemetry for the gateway, when export is on (off, the request path holds none of it and
/// makes no trace context): the sampler, what the spans say about each provider, and the exporter
/// service. A request costs a trace context (a few integers) and, when sampled, its share of the
/// trace writer's one lock; spans are written later, off the event loop, by ``SpanExporter``.
struct GatewayTelemetry: Sendable {
    let settings: TelemetrySettings
    let sampler: TraceSampler
    let exporter: SpanExporter

    /// The telemetry `settings` ask for, its spans taken from `backlog`; nil when export is off.
    static func make(
        _ settings: TelemetrySettings, catalog: ProviderCatalog, backlog: TraceWriter, metrics: GatewayMetrics, logger: Logger
    ) throws(BrokleError) -> GatewayTelemetry? {
        guard settings.enabled else { return nil }
        var peers: [String: TelemetryPeer] = [:]
        for provider in catalog.providers { peers[provider.name] = TelemetryPeer(provider) }
        let exporter = try SpanExporter(settings: settings, peers: peers, backlog: backlog, metrics: metrics, logger: logger)
        return GatewayTelemetry(
            settings: settings, sampler: TraceSampler(rawValue: settings.sampler) ?? .parentBasedAlwaysOn, exporter: exporter)
    }

    /// The trace context of a request that has just been authenticated: the caller's trace when it
    /// sent a valid `traceparent` (an invalid one is ignored, as the specification asks), else a
    /// new one; sampled as the sampler decides.
    func requestStarted(_ incoming: IncomingTraceContext, endpoint: Endpoint) -> RequestTelemetry {
        let random = RandomPool.shared.pair()
        let parent = incoming.traceparent.flatMap { TraceContext.parse(traceparent: $0) }
        let (high, low) = parent.map { ($0.traceHigh, $0.traceLow) } ?? (random.0, random.1 == 0 && random.0 == 0 ? 1 : random.1)
        // A new trace takes both random values as its id; the span id is mixed from them (it needs
        // to be unique only within its trace).
        let span = TraceContext.mix(random.0 ^ random.1)
        let context = TraceContext(
            traceHigh: high, traceLow: low, spanID: span == 0 ? 1 : span, parentSpanID: parent?.parent ?? 0,
            sampled: sampler.sampled(parentSampled: parent?.sampled, traceLow: low, ratio: settings.samplerRatio ?? 1),
            traceState: parent == nil ? nil : incoming.tracestate)
        return RequestTelemetry(context: context, operation: GenAIAttributes.operation(endpoint))
    }
}
