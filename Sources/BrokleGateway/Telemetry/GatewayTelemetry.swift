import BrokleCore
import BrokleProviders
import BrokleSettings
import Foundation
import Logging
import OTel
import ServiceLifecycle
import Tracing

/// OpenTelemetry for the gateway: a swift-otel tracer (sampler, W3C propagator, batch processor,
/// OTLP/HTTP exporter) built from ``TelemetrySettings``, and the service that exports its spans,
/// run beside the server and flushed when it stops. Exists only when export is on: off, the
/// request path holds no tracer and makes no span.
///
/// The tracer is this gateway's own, never the process-wide `InstrumentationSystem`, so tests can
/// run gateways side by side.
struct GatewayTelemetry: Sendable {
    let tracer: any Tracer
    let settings: TelemetrySettings
    /// What the spans say about each configured provider, by name.
    let peers: [String: TelemetryPeer]
    /// The exporter, batch processor and tracer, as one service.
    let service: any Service

    /// The telemetry `settings` ask for; nil when export is off.
    static func make(
        _ settings: TelemetrySettings, catalog: ProviderCatalog, metrics: GatewayMetrics, logger: Logger
    ) throws(BrokleError) -> GatewayTelemetry? {
        guard settings.enabled else { return nil }
        let sink = TelemetryDiagnostics.Sink(metrics: metrics, logger: logger, interval: .seconds(settings.dropLogInterval))
        let tracer: any Tracer
        let service: any Service
        do {
            let backend = try OTel.makeTracingBackend(configuration: configuration(settings, diagnostics: sink))
            (tracer, service) = (backend.factory, backend.service)
        } catch {
            throw BrokleError(
                .config, "OpenTelemetry export could not be set up: \(error)", hint: "check the otel: section and the OTEL_* variables")
        }
        var peers: [String: TelemetryPeer] = [:]
        for provider in catalog.providers { peers[provider.name] = TelemetryPeer(provider) }
        return GatewayTelemetry(tracer: tracer, settings: settings, peers: peers, service: service)
    }

    /// swift-otel's configuration for `settings`: traces only, over OTLP/HTTP. swift-otel applies
    /// the process's `OTEL_*` variables over it again, as the specification has them win; Brokle
    /// has read the same variables (and `.env`'s) into `settings` already.
    static func configuration(_ settings: TelemetrySettings, diagnostics: TelemetryDiagnostics.Sink) -> OTel.Configuration {
        var configuration = OTel.Configuration.default
        configuration.serviceName = settings.serviceName
        configuration.diagnosticLogger = .custom(Logger(label: "brokle.otel") { _ in TelemetryDiagnostics(sink: diagnostics) })
        configuration.diagnosticLogLevel = .warning
        configuration.propagators = [.traceContext]
        configuration.metrics.enabled = false
        configuration.logs.enabled = false
        configuration.traces.enabled = true
        configuration.traces.exporter = .otlp
        configuration.traces.sampler = sampler(settings)
        configuration.traces.batchSpanProcessor.scheduleDelay = .milliseconds(Int64(settings.scheduleDelay * 1000))
        configuration.traces.batchSpanProcessor.exportTimeout = .milliseconds(Int64(settings.exportTimeout * 1000))
        configuration.traces.batchSpanProcessor.maxQueueSize = settings.maxQueueSize
        configuration.traces.batchSpanProcessor.maxExportBatchSize = settings.maxExportBatchSize
        configuration.traces.otlpExporter.endpoint = settings.tracesEndpoint
        configuration.traces.otlpExporter.headers = settings.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        configuration.traces.otlpExporter.protocol = settings.exportProtocol == "http/json" ? .httpJSON : .httpProtobuf
        configuration.traces.otlpExporter.timeout = .milliseconds(Int64(settings.exportTimeout * 1000))
        return configuration
    }

    static func sampler(_ settings: TelemetrySettings) -> OTel.Configuration.TracesConfiguration.SamplerConfiguration {
        let ratio = settings.samplerRatio ?? 1
        switch settings.sampler {
        case "always_on": return .alwaysOn
        case "always_off": return .alwaysOff
        case "traceidratio": return .traceIDRatio(ratio: ratio) ?? .alwaysOn
        case "parentbased_always_off": return .parentBasedAlwaysOff
        case "parentbased_traceidratio": return .parentBasedTraceIDRatio(ratio: ratio) ?? .parentBasedAlwaysOn
        default: return .parentBasedAlwaysOn
        }
    }

    /// The SERVER span of a request that has just been authenticated, started when it arrived and
    /// continuing the caller's trace when it sent a `traceparent`.
    func requestStarted(_ incoming: IncomingTraceContext, endpoint: Endpoint, at startedAt: Date) -> RequestTelemetry {
        var context = InstrumentationContext.topLevel
        if incoming.traceparent != nil {
            tracer.extract(incoming, into: &context, using: IncomingTraceContext.Reader())
        }
        let operation = GenAIAttributes.operation(endpoint)
        let span = tracer.startSpan(operation, context: context, ofKind: .server, at: WallClockInstant(startedAt))
        return RequestTelemetry(telemetry: self, span: span, operation: operation)
    }
}
