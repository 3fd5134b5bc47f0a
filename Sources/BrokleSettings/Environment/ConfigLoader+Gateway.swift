import BrokleCore
import Configuration
import Foundation

extension ConfigLoader {
    /// Gateway flags (nil when not passed).
    package struct GatewayFlags: Sendable {
        package var host: String?
        package var port: Int?
        package var config: String?

        package init(host: String? = nil, port: Int? = nil, config: String? = nil) {
            self.host = host
            self.port = port
            self.config = config
        }
    }

    /// Reads host, port and the provider catalog (brokle.yaml from `--config`/`BROKLE_CONFIG`, or
    /// `./brokle.yaml` when present, else the defaults), through the same layered sources as ``load(_:)``.
    package func loadGateway(_ flags: Flags, _ gateway: GatewayFlags) throws(BrokleError) -> GatewaySettings {
        let sources = try sources(flags, gateway)
        let host = sources.reader.string(forKey: "brokle.host", default: "127.0.0.1")
        let portText = sources.reader.string(forKey: "brokle.port", default: "8080")
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw BrokleError(
                .config, "\(gateway.port != nil ? "--port" : "BROKLE_PORT") is invalid: '\(portText)'", hint: "use a port number 1-65535")
        }
        let openAIKey = sources.reader.string(forKey: "openai.api.key", isSecret: true)
        var loaded = ProxyFile.Loaded(catalog: .defaults(openAIKey: openAIKey), prices: [])
        var source = "defaults"
        if let file = configFile(sources, gateway) {
            loaded = try ProxyFile.loadAll(path: file.path, lookup: sources.variable)
            source = file.name
        }
        var settings = GatewaySettings(host: host, port: port, catalog: loaded.catalog, catalogSource: source)
        settings.prices = try PriceBook.shipped().overridden(by: loaded.prices)
        settings.routing = loaded.routing
        settings.plans = loaded.plans
        settings.telemetry = try telemetry(sources, file: loaded.telemetry)
        /// A number from `key` within `range` (`unit` names it in the hint), or `value` unchanged when unset.
        func number<N: LosslessStringConvertible & Comparable>(
            _ key: ConfigKey, _ name: String, _ value: inout N, range: ClosedRange<N>, unit: String = "seconds"
        ) throws(BrokleError) {
            guard let text = sources.nonEmpty(key) else { return }
            guard let parsed = N(text), range.contains(parsed) else {
                throw BrokleError(
                    .config, "\(name) is invalid: '\(text)'",
                    hint: "use a number of \(unit) from \(range.lowerBound) to \(range.upperBound)")
            }
            value = parsed
        }
        try number("brokle.drain.timeout", "BROKLE_DRAIN_TIMEOUT", &settings.drainTimeout, range: 0...3600)
        try number(
            "brokle.upstream.max.connections", "BROKLE_UPSTREAM_MAX_CONNECTIONS", &settings.upstreamMaxConnections, range: 1...65_536,
            unit: "connections per provider origin and core")
        try number("brokle.auth.cache.ttl", "BROKLE_AUTH_CACHE_TTL", &settings.authCacheTTL, range: 0...3600)
        try number("brokle.auth.timeout", "BROKLE_AUTH_TIMEOUT", &settings.authLookupTimeout, range: 0.05...60)
        try number("brokle.auth.stale.if.error", "BROKLE_AUTH_STALE_IF_ERROR", &settings.authStaleIfError, range: 0...86_400)
        try number("brokle.trace.write.timeout", "BROKLE_TRACE_WRITE_TIMEOUT", &settings.traceWriteTimeout, range: 0.1...600)
        settings.spillDirectory = spillDirectory(sources)
        try number("brokle.cache.refresh", "BROKLE_CACHE_REFRESH", &settings.cache.refresh, range: 0...3600)
        try number("brokle.cache.timeout", "BROKLE_CACHE_TIMEOUT", &settings.cache.lookupTimeout, range: 0.01...10)
        var megabytes = settings.cache.memoryBytes >> 20
        try number("brokle.cache.memory.mb", "BROKLE_CACHE_MEMORY_MB", &megabytes, range: 1...65_536, unit: "megabytes")
        settings.cache.memoryBytes = megabytes << 20
        try number(
            "brokle.cache.max.entries", "BROKLE_CACHE_MAX_ENTRIES", &settings.cache.maxEntriesPerScope, range: 1...10_000_000,
            unit: "entries per scope")
        var retentionDays = settings.responses.retention / 86_400
        try number(
            "brokle.responses.retention.days", "BROKLE_RESPONSES_RETENTION_DAYS", &retentionDays, range: 0.0001...3650, unit: "days")
        settings.responses.retention = retentionDays * 86_400
        try number("brokle.limit.lease.ttl", "BROKLE_LIMIT_LEASE_TTL", &settings.limits.leaseTTL, range: 1...3600)
        try number(
            "brokle.limit.slice", "BROKLE_LIMIT_SLICE", &settings.limits.sliceFraction, range: 0.001...1, unit: "the limit (a fraction)")
        try number("brokle.limit.refresh", "BROKLE_LIMIT_REFRESH", &settings.limits.refresh, range: 0.1...3600)
        try number(
            "brokle.limit.output.estimate", "BROKLE_LIMIT_OUTPUT_ESTIMATE", &settings.limits.outputEstimate, range: 1...1_000_000,
            unit: "tokens")
        settings.guardrails = loaded.guardrails
        var guardrailsRefresh = loaded.guardrailsRefresh ?? settings.limits.refresh
        try number("brokle.guardrails.refresh", "BROKLE_GUARDRAILS_REFRESH", &guardrailsRefresh, range: 0.1...3600)
        settings.guardrails.refresh = .milliseconds(Int64((guardrailsRefresh * 1000).rounded()))
        settings.requestLogs = try requestLogs(sources)
        settings.dashboard = try dashboard(sources)
        return settings
    }

    /// The `guardrails:` section of the brokle.yaml the proxy would read (`--config`,
    /// `BROKLE_CONFIG`, or `./brokle.yaml` when present), for the custom entities a policy may
    /// name; only that section is read. Empty settings when there is no file.
    package func loadGuardrails(_ flags: Flags, config: String? = nil) throws(BrokleError) -> GuardrailSettings {
        let sources = try sources(flags, GatewayFlags(config: config))
        guard let file = configFile(sources, GatewayFlags(config: config)) else { return GuardrailSettings() }
        return try ProxyFile.loadGuardrails(path: file.path, lookup: sources.variable)
    }

    /// The plan quotas: ``PlanQuota/shipped`` overridden by the `plans:` section of the brokle.yaml
    /// the proxy would read (`--config`, `BROKLE_CONFIG`, or `./brokle.yaml` when present); only
    /// that section is read.
    package func loadPlans(_ flags: Flags, config: String? = nil) throws(BrokleError) -> [Plan: PlanQuota] {
        let sources = try sources(flags, GatewayFlags(config: config))
        guard let file = configFile(sources, GatewayFlags(config: config)) else { return PlanQuota.shipped }
        return try ProxyFile.loadPlans(path: file.path, lookup: sources.variable)
    }

    /// The brokle.yaml to read: `--config`, else `BROKLE_CONFIG`, else `./brokle.yaml` when it exists;
    /// its absolute path and the name to report it by. An empty BROKLE_CONFIG means unset; an empty
    /// `--config` is passed on (and fails to load).
    func configFile(_ sources: ConfigSources, _ gateway: GatewayFlags) -> (path: String, name: String)? {
        if let path = gateway.config ?? sources.nonEmpty("brokle.config") {
            return (path.hasPrefix("/") ? path : currentDirectory + "/" + path, path)
        }
        let defaultPath = currentDirectory + "/brokle.yaml"
        return FileManager.default.fileExists(atPath: defaultPath) ? (defaultPath, "brokle.yaml") : nil
    }

    /// The spill folder (`BROKLE_SPILL_DIR`, default `./brokle-spill`), as an absolute path.
    package func spillDirectory(_ flags: Flags) throws(BrokleError) -> String {
        spillDirectory(try sources(flags))
    }

    func spillDirectory(_ sources: ConfigSources) -> String {
        let folder = sources.nonEmpty("brokle.spill.dir") ?? "brokle-spill"
        return folder.hasPrefix("/") ? folder : currentDirectory + "/" + folder
    }
}
