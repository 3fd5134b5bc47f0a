import Foundation

/// Everything `brokle proxy` needs beyond ``BrokleConfig``: where to listen, which providers and
/// models to serve, and the gateway's limits.
public struct GatewaySettings: Sendable {
    public var host: String
    public var port: Int
    public var catalog: ProviderCatalog
    /// Where the catalog came from (a brokle.yaml path, or "defaults").
    public var catalogSource: String
    /// Circuit breaker and least-latency exploration (brokle.yaml `routing:`).
    public var routing = RoutingSettings()
    /// Model prices: the shipped data, overridden by brokle.yaml's `pricing:`.
    public var prices: PriceBook = PriceBook(entries: [])
    /// Largest accepted request body.
    public var maxBodyBytes: Int = 8 * 1024 * 1024
    /// How long in-flight requests and streams may take to finish after SIGTERM.
    public var drainTimeout: TimeInterval = 30
    /// How long an authenticated key (or a rejected one) is trusted without asking the database.
    public var authCacheTTL: TimeInterval = 30
    public var authNegativeCacheTTL: TimeInterval = 5
    /// Traces waiting to be written; beyond this new ones are dropped (and counted), never waited for.
    public var traceQueueCapacity: Int = 50_000
    public var traceFlushInterval: TimeInterval = 0.25
    /// How often `api_keys.last_used_at` is written.
    public var keyUsageFlushInterval: TimeInterval = 10
    /// Longest a key lookup may wait for the database before the request gets a 503.
    public var authLookupTimeout: TimeInterval = 2
    /// How long a key the database accepted stays usable while the database cannot be reached
    /// (stale-if-error). A key revoked during an outage keeps working until it ends or this passes.
    public var authStaleIfError: TimeInterval = 600
    /// Longest one trace batch (or key-usage write) may take before it counts as failed and is retried.
    public var traceWriteTimeout: TimeInterval = 10
    /// Where traces go when the database cannot take them and memory must be freed (the queue half
    /// full, or the process stopping): JSON lines, ingested on the next start.
    public var spillDirectory = "brokle-spill"
    /// How often the database is checked: while it answers, and while it is down.
    public var databaseCheckInterval: TimeInterval = 5
    public var databaseRetryInterval: TimeInterval = 1

    public init(host: String = "127.0.0.1", port: Int = 8080, catalog: ProviderCatalog, catalogSource: String) {
        self.host = host
        self.port = port
        self.catalog = catalog
        self.catalogSource = catalogSource
    }
}

extension ConfigLoader {
    /// Gateway flags (nil when not passed).
    public struct GatewayFlags: Sendable {
        public var host: String?
        public var port: Int?
        public var config: String?

        public init(host: String? = nil, port: Int? = nil, config: String? = nil) {
            self.host = host
            self.port = port
            self.config = config
        }
    }

    /// Reads host, port and the provider catalog (brokle.yaml from `--config`/`BROKLE_CONFIG`, or
    /// `./brokle.yaml` when present, else the defaults).
    public func loadGateway(_ flags: Flags, _ gateway: GatewayFlags) throws(BrokleError) -> GatewaySettings {
        let variables = try mergedVariables(flags)
        let host = gateway.host ?? variables["BROKLE_HOST"] ?? "127.0.0.1"
        let portText = gateway.port.map(String.init) ?? variables["BROKLE_PORT"] ?? "8080"
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw BrokleError(.config, "\(gateway.port != nil ? "--port" : "BROKLE_PORT") is invalid: '\(portText)'", hint: "use a port number 1-65535")
        }
        let explicitPath = gateway.config ?? variables["BROKLE_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        let defaultPath = currentDirectory + "/brokle.yaml"
        var loaded = ProxyFile.Loaded(catalog: .defaults(openAIKey: variables["OPENAI_API_KEY"]), prices: [])
        var source = "defaults"
        if let path = explicitPath {
            let absolute = path.hasPrefix("/") ? path : currentDirectory + "/" + path
            loaded = try ProxyFile.loadAll(path: absolute, lookup: { variables[$0] })
            source = path
        } else if FileManager.default.fileExists(atPath: defaultPath) {
            loaded = try ProxyFile.loadAll(path: defaultPath, lookup: { variables[$0] })
            source = "brokle.yaml"
        }
        var settings = GatewaySettings(host: host, port: port, catalog: loaded.catalog, catalogSource: source)
        settings.prices = try PriceBook.shipped().overridden(by: loaded.prices)
        settings.routing = loaded.routing
        func seconds(_ name: String, _ value: inout TimeInterval, range: ClosedRange<Double>) throws(BrokleError) {
            guard let text = variables[name], !text.isEmpty else { return }
            guard let number = Double(text), range.contains(number) else {
                throw BrokleError(.config, "\(name) is invalid: '\(text)'", hint: "use a number of seconds between \(range.lowerBound) and \(range.upperBound)")
            }
            value = number
        }
        try seconds("BROKLE_DRAIN_TIMEOUT", &settings.drainTimeout, range: 0...3600)
        try seconds("BROKLE_AUTH_CACHE_TTL", &settings.authCacheTTL, range: 0...3600)
        try seconds("BROKLE_AUTH_TIMEOUT", &settings.authLookupTimeout, range: 0.05...60)
        try seconds("BROKLE_AUTH_STALE_IF_ERROR", &settings.authStaleIfError, range: 0...86_400)
        try seconds("BROKLE_TRACE_WRITE_TIMEOUT", &settings.traceWriteTimeout, range: 0.1...600)
        settings.spillDirectory = spillDirectory(variables)
        return settings
    }

    /// The spill folder (`BROKLE_SPILL_DIR`, default `./brokle-spill`), as an absolute path.
    public func spillDirectory(_ flags: Flags) throws(BrokleError) -> String {
        spillDirectory(try mergedVariables(flags))
    }

    func spillDirectory(_ variables: [String: String]) -> String {
        let folder = variables["BROKLE_SPILL_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "brokle-spill"
        return folder.hasPrefix("/") ? folder : currentDirectory + "/" + folder
    }

    /// The environment over the `.env` file: what `${VAR}` in brokle.yaml and gateway settings read.
    func mergedVariables(_ flags: Flags) throws(BrokleError) -> [String: String] {
        try dotEnv(flags.envFile).merging(environment) { _, environment in environment }
    }
}
