import BrokleCore
import Foundation

extension ProxyFile {
    /// `otel:` — OpenTelemetry export of every request as GenAI spans.
    ///
    /// ```yaml
    /// otel:
    ///   endpoint: http://127.0.0.1:4318          # OTLP/HTTP; spans go to <endpoint>/v1/traces
    ///   headers: { authorization: "Bearer ${COLLECTOR_TOKEN}" }
    ///   service_name: brokle
    ///   sampler: parentbased_traceidratio
    ///   sampler_arg: 0.25
    ///   compression: gzip                        # or none (the default)
    ///   capture_content: false                   # prompt and completion text, cut at content_max_bytes
    ///   batch: { delay: 1s, max_batch: 512, max_queue: 2048, timeout: 10s }
    /// ```
    struct Telemetry: Decodable {
        struct Batch: Decodable {
            var delay: String?
            var maxBatch: Int?
            var maxQueue: Int?
            var timeout: String?

            enum CodingKeys: String, CodingKey {
                case delay, timeout, maxBatch = "max_batch", maxQueue = "max_queue"
            }
        }

        var enabled: Bool?
        var endpoint: String?
        var tracesEndpoint: String?
        var headers: [String: String]?
        var `protocol`: String?
        var compression: String?
        var serviceName: String?
        var sampler: String?
        var samplerArg: Double?
        var captureContent: Bool?
        var contentMaxBytes: Int?
        var batch: Batch?

        enum CodingKeys: String, CodingKey {
            case enabled, endpoint, headers, sampler, batch, `protocol`, compression
            case tracesEndpoint = "traces_endpoint", serviceName = "service_name", samplerArg = "sampler_arg"
            case captureContent = "capture_content", contentMaxBytes = "content_max_bytes"
        }

        /// The validated settings: on when an endpoint is given (unless `enabled: false`), or when
        /// `enabled: true` (the default collector address, `http://localhost:4318`).
        func settings(source: String) throws(BrokleError) -> TelemetrySettings {
            func bad(_ key: String, _ reason: String) -> BrokleError { ProxyFile.bad(source, "otel." + key, reason) }
            var settings = TelemetrySettings()
            if let endpoint {
                guard TelemetrySettings.isHTTPURL(endpoint) else { throw bad("endpoint", "'\(endpoint)' is not an http(s) URL") }
                settings.tracesEndpoint = TelemetrySettings.tracesURL(base: endpoint)
            }
            if let tracesEndpoint {
                guard TelemetrySettings.isHTTPURL(tracesEndpoint) else {
                    throw bad("traces_endpoint", "'\(tracesEndpoint)' is not an http(s) URL")
                }
                settings.tracesEndpoint = tracesEndpoint
            }
            settings.enabled = enabled ?? (endpoint != nil || tracesEndpoint != nil)
            settings.headers = headers ?? [:]
            if let value = self.protocol {
                guard TelemetrySettings.protocols.contains(value) else {
                    throw bad("protocol", "unknown protocol '\(value)' (use \(TelemetrySettings.protocols.joined(separator: ", ")))")
                }
                settings.exportProtocol = value
            }
            if let compression {
                guard TelemetrySettings.compressions.contains(compression) else {
                    throw bad("compression", "unknown compression '\(compression)' (use gzip or none)")
                }
                settings.compression = compression
            }
            if let serviceName {
                guard !serviceName.isEmpty else { throw bad("service_name", "must not be empty") }
                settings.serviceName = serviceName
            }
            if let sampler {
                guard TelemetrySettings.samplers.contains(sampler) else {
                    throw bad("sampler", "unknown sampler '\(sampler)' (use \(TelemetrySettings.samplers.joined(separator: ", ")))")
                }
                settings.sampler = sampler
            }
            if let samplerArg {
                guard (0...1).contains(samplerArg) else { throw bad("sampler_arg", "must be between 0 and 1") }
                settings.samplerRatio = samplerArg
            }
            settings.captureContent = captureContent ?? false
            if let contentMaxBytes {
                guard (1...1_048_576).contains(contentMaxBytes) else { throw bad("content_max_bytes", "must be between 1 and 1048576") }
                settings.contentMaxBytes = contentMaxBytes
            }
            if let batch {
                if let delay = batch.delay {
                    settings.scheduleDelay = try ProxyFile.duration(delay, source: source, key: "otel.batch.delay")
                    guard settings.scheduleDelay > 0 else { throw bad("batch.delay", "must be above 0") }
                }
                if let timeout = batch.timeout {
                    settings.exportTimeout = try ProxyFile.duration(timeout, source: source, key: "otel.batch.timeout")
                    guard settings.exportTimeout > 0 else { throw bad("batch.timeout", "must be above 0") }
                }
                if let maxBatch = batch.maxBatch {
                    guard maxBatch >= 1 else { throw bad("batch.max_batch", "must be at least 1") }
                    settings.maxExportBatchSize = maxBatch
                }
                if let maxQueue = batch.maxQueue {
                    guard maxQueue >= 1 else { throw bad("batch.max_queue", "must be at least 1") }
                    settings.maxQueueSize = maxQueue
                }
            }
            guard settings.maxExportBatchSize <= settings.maxQueueSize else {
                throw bad("batch.max_batch", "must not exceed batch.max_queue (\(settings.maxQueueSize))")
            }
            return settings
        }
    }
}

extension TelemetrySettings {
    /// The traces URL under an OTLP/HTTP base endpoint, as the OTLP exporter specification builds it.
    static func tracesURL(base: String) -> String {
        base.hasSuffix("/") ? base + "v1/traces" : base + "/v1/traces"
    }

    static func isHTTPURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), url.host != nil else { return false }
        return scheme == "http" || scheme == "https"
    }
}
