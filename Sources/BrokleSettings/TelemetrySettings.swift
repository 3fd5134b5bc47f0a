import BrokleCore
import Foundation

/// OpenTelemetry export of the gateway's requests as GenAI spans over OTLP/HTTP (brokle.yaml
/// `otel:`, overridden by the standard `OTEL_*` variables). Off unless an endpoint is configured.
package struct TelemetrySettings: Sendable, Equatable {
    /// Whether spans are made and exported at all; false costs the request path nothing.
    package var enabled = false
    /// The full URL spans are posted to (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, or
    /// `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`).
    package var tracesEndpoint = "http://localhost:4318/v1/traces"
    /// Sent with every export (a collector's API key): never logged, never put in a span.
    package var headers: [String: String] = [:]
    /// `http/protobuf` (the default) or `http/json`.
    package var exportProtocol = "http/protobuf"
    /// `gzip` compresses each export (`OTEL_EXPORTER_OTLP_COMPRESSION`); `none` (the default) does not.
    package var compression = "none"
    /// Resource attributes besides `service.name` (`OTEL_RESOURCE_ATTRIBUTES`), sorted by key.
    package var resourceAttributes: [String: String] = [:]
    /// PEM files for TLS to the collector: a CA to trust besides the system's roots
    /// (`OTEL_EXPORTER_OTLP_CERTIFICATE`), and a client certificate with its key for mutual TLS.
    package var certificate: String?
    package var clientCertificate: String?
    package var clientKey: String?
    /// The `service.name` resource attribute.
    package var serviceName = "brokle"
    /// An `OTEL_TRACES_SAMPLER` name; `parentbased_always_on` follows a caller's sampled flag and
    /// samples every root request.
    package var sampler = "parentbased_always_on"
    /// The ratio for the `traceidratio` samplers (`OTEL_TRACES_SAMPLER_ARG`).
    package var samplerRatio: Double?
    /// Prompt and completion text on the attempt spans (`gen_ai.input.messages`,
    /// `gen_ai.output.messages`): off unless asked for, and cut at ``contentMaxBytes``.
    package var captureContent = false
    package var contentMaxBytes = 4096
    /// How often queued spans are exported, and the largest batch.
    package var scheduleDelay: TimeInterval = 1
    package var maxExportBatchSize = 512
    /// Spans waiting for export; past this new ones are dropped (counted), never waited for.
    package var maxQueueSize = 2048
    /// Longest one export may take before its spans count as dropped.
    package var exportTimeout: TimeInterval = 10
    /// Dropped spans are logged at most once per this interval (always counted in
    /// `brokle_otel_spans_dropped_total`).
    package var dropLogInterval: TimeInterval = 60

    package init() {}

    /// The samplers by their `OTEL_TRACES_SAMPLER` names.
    package static let samplers = TraceSampler.allCases.map(\.rawValue)
    package static let protocols = ["http/protobuf", "http/json"]
    package static let compressions = ["none", "gzip"]
}
