import Foundation

/// OpenTelemetry export of the gateway's requests as GenAI spans over OTLP/HTTP (brokle.yaml
/// `otel:`, overridden by the standard `OTEL_*` variables). Off unless an endpoint is configured.
public struct TelemetrySettings: Sendable, Equatable {
    /// Whether spans are made and exported at all; false costs the request path nothing.
    public var enabled = false
    /// The full URL spans are posted to (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, or
    /// `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`).
    public var tracesEndpoint = "http://localhost:4318/v1/traces"
    /// Sent with every export (a collector's API key): never logged, never put in a span.
    public var headers: [String: String] = [:]
    /// `http/protobuf` (the default) or `http/json`.
    public var exportProtocol = "http/protobuf"
    /// The `service.name` resource attribute.
    public var serviceName = "brokle"
    /// An `OTEL_TRACES_SAMPLER` name; `parentbased_always_on` follows a caller's sampled flag and
    /// samples every root request.
    public var sampler = "parentbased_always_on"
    /// The ratio for the `traceidratio` samplers (`OTEL_TRACES_SAMPLER_ARG`).
    public var samplerRatio: Double?
    /// Prompt and completion text on the attempt spans (`gen_ai.input.messages`,
    /// `gen_ai.output.messages`): off unless asked for, and cut at ``contentMaxBytes``.
    public var captureContent = false
    public var contentMaxBytes = 4096
    /// How often queued spans are exported, and the largest batch.
    public var scheduleDelay: TimeInterval = 1
    public var maxExportBatchSize = 512
    /// Spans waiting for export; past this new ones are dropped (counted), never waited for.
    public var maxQueueSize = 2048
    /// Longest one export may take before its spans count as dropped.
    public var exportTimeout: TimeInterval = 10
    /// Dropped spans are logged at most once per this interval (always counted in
    /// `brokle_otel_spans_dropped_total`).
    public var dropLogInterval: TimeInterval = 60

    public init() {}

    /// The samplers swift-otel knows by their `OTEL_TRACES_SAMPLER` names.
    public static let samplers = [
        "always_on", "always_off", "traceidratio", "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio",
    ]
    public static let protocols = ["http/protobuf", "http/json"]
}
