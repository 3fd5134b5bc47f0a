import BrokleCore
import Configuration

extension ConfigLoader {
    /// Everything `brokle proxy` would run with, loaded and validated exactly as it loads it (a bad
    /// value or an unknown brokle.yaml key throws the same error), one ``ResolvedSetting`` each:
    /// the settings read from flags and the environment first, then every value of the brokle.yaml.
    package func resolve(_ flags: Flags, _ gateway: GatewayFlags) throws(BrokleError) -> [ResolvedSetting] {
        let config = try load(flags)
        let settings = try loadGateway(flags, gateway)
        let sources = try sources(flags, gateway)
        let file = configFile(sources, gateway)
        var rows: [ResolvedSetting] = []
        func add(_ name: String, _ key: ConfigKey, _ value: String) {
            rows.append(ResolvedSetting(setting: name, value: value, source: sources.origin(of: key)))
        }
        func add(_ name: String, _ key: ConfigKey, seconds: Double) { add(name, key, ResolvedSetting.number(seconds)) }
        add("BROKLE_DATABASE_URL", "brokle.database.url", config.databaseURL.description)
        add("BROKLE_DATABASE_TIMEOUT", "brokle.database.timeout", seconds: Double(config.databaseTimeout.components.seconds))
        add("BROKLE_FORMAT", "brokle.format", config.format.rawValue)
        add("BROKLE_LOG_LEVEL", "brokle.log.level", config.logLevel.rawValue)
        add("BROKLE_HOST", "brokle.host", settings.host)
        add("BROKLE_PORT", "brokle.port", String(settings.port))
        add("BROKLE_CONFIG", "brokle.config", file?.path ?? "none (the built-in catalog)")
        if file == nil, sources.reader.string(forKey: "openai.api.key", isSecret: true) != nil {
            add("OPENAI_API_KEY", "openai.api.key", ResolvedSetting.hidden)
        }
        add("BROKLE_DRAIN_TIMEOUT", "brokle.drain.timeout", seconds: settings.drainTimeout)
        add("BROKLE_UPSTREAM_MAX_CONNECTIONS", "brokle.upstream.max.connections", String(settings.upstreamMaxConnections))
        add("BROKLE_AUTH_CACHE_TTL", "brokle.auth.cache.ttl", seconds: settings.authCacheTTL)
        add("BROKLE_AUTH_TIMEOUT", "brokle.auth.timeout", seconds: settings.authLookupTimeout)
        add("BROKLE_AUTH_STALE_IF_ERROR", "brokle.auth.stale.if.error", seconds: settings.authStaleIfError)
        add("BROKLE_TRACE_WRITE_TIMEOUT", "brokle.trace.write.timeout", seconds: settings.traceWriteTimeout)
        add("BROKLE_SPILL_DIR", "brokle.spill.dir", settings.spillDirectory)
        add("BROKLE_CACHE_REFRESH", "brokle.cache.refresh", seconds: settings.cache.refresh)
        add("BROKLE_CACHE_TIMEOUT", "brokle.cache.timeout", seconds: settings.cache.lookupTimeout)
        add("BROKLE_CACHE_MEMORY_MB", "brokle.cache.memory.mb", String(settings.cache.memoryBytes >> 20))
        add("BROKLE_CACHE_MAX_ENTRIES", "brokle.cache.max.entries", String(settings.cache.maxEntriesPerScope))
        add(
            "BROKLE_RESPONSES_RETENTION_DAYS", "brokle.responses.retention.days",
            ResolvedSetting.number(settings.responses.retention / 86_400))
        add("BROKLE_LIMIT_LEASE_TTL", "brokle.limit.lease.ttl", seconds: settings.limits.leaseTTL)
        add("BROKLE_LIMIT_SLICE", "brokle.limit.slice", seconds: settings.limits.sliceFraction)
        add("BROKLE_LIMIT_REFRESH", "brokle.limit.refresh", seconds: settings.limits.refresh)
        add("BROKLE_LIMIT_OUTPUT_ESTIMATE", "brokle.limit.output.estimate", String(settings.limits.outputEstimate))
        var fileRows: [ResolvedSetting] = []
        if let file { fileRows = try ProxyFile.resolvedSettings(path: file.path, name: file.name, lookup: sources.variable) }
        // Unset, the guardrails' refresh is the file's `guardrails.refresh`, else the limits' refresh.
        var refreshSource = sources.origin(of: "brokle.guardrails.refresh")
        if refreshSource == "default" {
            let inFile = fileRows.contains { $0.setting == "guardrails.refresh" }
            refreshSource = inFile ? file?.name ?? refreshSource : sources.origin(of: "brokle.limit.refresh")
        }
        let refresh = settings.guardrails.refresh.components
        rows.append(
            ResolvedSetting(
                setting: "BROKLE_GUARDRAILS_REFRESH",
                value: ResolvedSetting.number(Double(refresh.seconds) + Double(refresh.attoseconds) / 1e18), source: refreshSource))
        let otelInFile = fileRows.contains { $0.setting.hasPrefix("otel.") }
        rows += telemetryRows(settings.telemetry, sources, file: otelInFile ? file?.name : nil)
        return rows + fileRows
    }

    /// The OpenTelemetry export settings, named by the variables that set them (each from the
    /// environment or `.env` when set there, else from brokle.yaml's `otel:` when it has one).
    private func telemetryRows(_ telemetry: TelemetrySettings, _ sources: ConfigSources, file: String?) -> [ResolvedSetting] {
        func row(_ name: String, also aliases: [String] = [], _ value: String) -> ResolvedSetting {
            let source = ([name] + aliases).lazy.compactMap { sources.origin(ofVariable: $0) }.first ?? file ?? "default"
            return ResolvedSetting(setting: name, value: value, source: source)
        }
        let switches = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SDK_DISABLED", "OTEL_TRACES_EXPORTER"]
        return [
            // Empty while export is off.
            row("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", also: switches, telemetry.enabled ? telemetry.tracesEndpoint : ""),
            row(
                "OTEL_EXPORTER_OTLP_HEADERS", also: ["OTEL_EXPORTER_OTLP_TRACES_HEADERS"],
                telemetry.headers.isEmpty ? "" : ResolvedSetting.hidden),
            row("OTEL_EXPORTER_OTLP_PROTOCOL", also: ["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"], telemetry.exportProtocol),
            row("OTEL_SERVICE_NAME", telemetry.serviceName),
            row("OTEL_TRACES_SAMPLER", telemetry.sampler),
            row("OTEL_TRACES_SAMPLER_ARG", telemetry.samplerRatio.map(ResolvedSetting.number) ?? ""),
            row("OTEL_BSP_SCHEDULE_DELAY", ResolvedSetting.number(telemetry.scheduleDelay * 1000)),
            row("OTEL_BSP_EXPORT_TIMEOUT", ResolvedSetting.number(telemetry.exportTimeout * 1000)),
            row("OTEL_BSP_MAX_QUEUE_SIZE", String(telemetry.maxQueueSize)),
            row("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", String(telemetry.maxExportBatchSize)),
            row("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", telemetry.captureContent ? "true" : "false"),
        ]
    }
}
