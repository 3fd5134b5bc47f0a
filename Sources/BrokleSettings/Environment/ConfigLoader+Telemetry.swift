import BrokleCore
import Foundation

extension ConfigLoader {
    /// brokle.yaml's `otel:` with the standard `OTEL_*` variables over it (environment, then
    /// `.env`), as the OpenTelemetry SDK specification has them: an OTLP endpoint turns export on,
    /// `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none` turns it off.
    func telemetry(_ sources: ConfigSources, file: TelemetrySettings) throws(BrokleError) -> TelemetrySettings {
        var settings = file
        func value(_ name: String) -> String? { sources.variable(name).flatMap { $0.isEmpty ? nil : $0 } }
        func bad(_ name: String, _ text: String, _ hint: String) -> BrokleError {
            BrokleError(.config, "\(name) is invalid: '\(text)'", hint: hint)
        }
        if let base = value("OTEL_EXPORTER_OTLP_ENDPOINT") {
            guard TelemetrySettings.isHTTPURL(base) else { throw bad("OTEL_EXPORTER_OTLP_ENDPOINT", base, "use an http(s) URL") }
            settings.tracesEndpoint = TelemetrySettings.tracesURL(base: base)
            settings.enabled = true
        }
        if let url = value("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") {
            guard TelemetrySettings.isHTTPURL(url) else { throw bad("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", url, "use an http(s) URL") }
            settings.tracesEndpoint = url
            settings.enabled = true
        }
        for name in ["OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS"] {
            guard let text = value(name) else { continue }
            // The value may hold a collector's key: the error names the variable, never the value.
            guard let headers = TelemetrySettings.headers(parsing: text) else {
                throw BrokleError(.config, "\(name) is invalid", hint: "use comma-separated key=value pairs")
            }
            settings.headers.merge(headers) { $1 }
        }
        for name in ["OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"] {
            guard let text = value(name) else { continue }
            guard TelemetrySettings.protocols.contains(text) else {
                throw bad(name, text, "use \(TelemetrySettings.protocols.joined(separator: " or ")) (this build has no gRPC exporter)")
            }
            settings.exportProtocol = text
        }
        for name in ["OTEL_EXPORTER_OTLP_COMPRESSION", "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION"] {
            guard let text = value(name) else { continue }
            guard TelemetrySettings.compressions.contains(text) else { throw bad(name, text, "use gzip or none") }
            settings.compression = text
        }
        for name in ["OTEL_EXPORTER_OTLP_TIMEOUT", "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT"] {
            guard let text = value(name) else { continue }
            guard let milliseconds = Int(text), (1...3_600_000).contains(milliseconds) else {
                throw bad(name, text, "use a whole number of milliseconds from 1 to 3600000")
            }
            settings.exportTimeout = Double(milliseconds) / 1000
        }
        if let text = value("OTEL_RESOURCE_ATTRIBUTES") {
            guard let attributes = TelemetrySettings.headers(parsing: text, lowercasingKeys: false) else {
                throw bad("OTEL_RESOURCE_ATTRIBUTES", text, "use comma-separated key=value pairs")
            }
            settings.resourceAttributes.merge(attributes) { $1 }
        }
        for (name, path) in [
            ("CERTIFICATE", \TelemetrySettings.certificate), ("CLIENT_CERTIFICATE", \TelemetrySettings.clientCertificate),
            ("CLIENT_KEY", \TelemetrySettings.clientKey),
        ] {
            for variable in ["OTEL_EXPORTER_OTLP_\(name)", "OTEL_EXPORTER_OTLP_TRACES_\(name)"] {
                guard let file = value(variable) else { continue }
                guard FileManager.default.isReadableFile(atPath: file) else {
                    throw bad(variable, file, "name a readable PEM file")
                }
                settings[keyPath: path] = file
            }
        }
        guard (settings.clientCertificate == nil) == (settings.clientKey == nil) else {
            throw BrokleError(
                .config, "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE and OTEL_EXPORTER_OTLP_CLIENT_KEY go together",
                hint: "set both for mutual TLS with the collector, or neither")
        }
        if let name = value("OTEL_SERVICE_NAME") { settings.serviceName = name }
        if let sampler = value("OTEL_TRACES_SAMPLER") {
            guard TelemetrySettings.samplers.contains(sampler) else {
                throw bad("OTEL_TRACES_SAMPLER", sampler, "use one of \(TelemetrySettings.samplers.joined(separator: ", "))")
            }
            settings.sampler = sampler
        }
        if let text = value("OTEL_TRACES_SAMPLER_ARG") {
            guard let ratio = Double(text), (0...1).contains(ratio) else {
                throw bad("OTEL_TRACES_SAMPLER_ARG", text, "use a ratio from 0 to 1")
            }
            settings.samplerRatio = ratio
        }
        /// A whole number from `name` within `range`, or `value` unchanged when unset.
        func count(_ name: String, _ value: inout Int, range: ClosedRange<Int>) throws(BrokleError) {
            guard let text = sources.variable(name), !text.isEmpty else { return }
            guard let parsed = Int(text), range.contains(parsed) else {
                throw bad(name, text, "use a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            value = parsed
        }
        var delayMs = Int(settings.scheduleDelay * 1000)
        var timeoutMs = Int(settings.exportTimeout * 1000)
        try count("OTEL_BSP_SCHEDULE_DELAY", &delayMs, range: 1...3_600_000)
        try count("OTEL_BSP_EXPORT_TIMEOUT", &timeoutMs, range: 1...3_600_000)
        try count("OTEL_BSP_MAX_QUEUE_SIZE", &settings.maxQueueSize, range: 1...10_000_000)
        try count("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", &settings.maxExportBatchSize, range: 1...settings.maxQueueSize)
        (settings.scheduleDelay, settings.exportTimeout) = (Double(delayMs) / 1000, Double(timeoutMs) / 1000)
        if let capture = value("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT") {
            settings.captureContent = capture.lowercased() == "true"
        }
        if value("OTEL_SDK_DISABLED")?.lowercased() == "true" { settings.enabled = false }
        if let exporter = value("OTEL_TRACES_EXPORTER") {
            guard exporter == "otlp" || exporter == "none" else {
                throw bad("OTEL_TRACES_EXPORTER", exporter, "use otlp or none")
            }
            if exporter == "none" { settings.enabled = false }
        }
        return settings
    }
}

extension TelemetrySettings {
    /// `OTEL_EXPORTER_OTLP_HEADERS` (keys lower-cased) and `OTEL_RESOURCE_ATTRIBUTES`:
    /// `key1=value1,key2=value2`, values percent-decoded (W3C Baggage format, as the specification
    /// has it); nil when a pair has no key.
    static func headers(parsing text: String, lowercasingKeys: Bool = true) -> [String: String]? {
        var headers: [String: String] = [:]
        for pair in text.split(separator: ",") {
            guard let equals = pair.firstIndex(of: "=") else { return nil }
            let key = pair[..<equals].trimmingCharacters(in: .whitespaces)
            let raw = pair[pair.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { return nil }
            headers[lowercasingKeys ? key.lowercased() : key] = raw.removingPercentEncoding ?? raw
        }
        return headers
    }
}
