import BrokleCore
import Foundation
import Yams

/// `brokle.yaml`: providers, public models with their routes, routing defaults and prices.
///
/// ```yaml
/// providers:
///   openai: { kind: openai, base_url: https://api.openai.com/v1, api_key: "${OPENAI_API_KEY}" }
///   claude: { kind: anthropic, api_key: "${ANTHROPIC_API_KEY}" }
///   groq:   { kind: groq, api_key: "${GROQ_API_KEY}" }
///   mock:   { kind: mock, mode: echo, latency: 20ms, chunk_interval: 5ms }
/// models:
///   gpt-4o-mini: { provider: openai }
///   smart:
///     strategy: fallback
///     targets: [{ provider: openai, model: gpt-4o }, { provider: claude, model: claude-sonnet-4-5 }]
///     retries: 1
///     timeout: 30s
/// routing:
///   circuit_breaker: { failure_ratio: 0.5, min_requests: 5, window: 30s, cooldown: 15s }
/// ```
struct ProxyFile: Decodable {
    struct Provider: Decodable {
        var kind: String
        var baseURL: String?
        var apiKey: String?
        var headers: [String: String]?
        var timeout: String?
        var mode: String?
        var seed: UInt64?
        var latency: String?
        var chunkInterval: String?
        var completionTokens: Int?
        var errorRate: Double?
        var errorStatus: Int?
        var embeddingDimensions: Int?
        var apiVersion: String?
        var responsesAPI: Bool?
        /// `chat` (the default) or `responses`: the provider serves only `/responses`.
        var api: String?

        enum CodingKeys: String, CodingKey {
            case kind, baseURL = "base_url", apiKey = "api_key", headers, timeout, mode, seed, latency, apiVersion = "api_version"
            case responsesAPI = "responses_api", api
            case chunkInterval = "chunk_interval", completionTokens = "completion_tokens", errorRate = "error_rate"
            case errorStatus = "error_status", embeddingDimensions = "embedding_dimensions"
        }
    }

    struct Target: Decodable {
        var provider: String
        var model: String?
        var weight: Double?
    }

    /// A model: the short form `{ provider, model }`, or `targets` with a strategy and resilience.
    struct Model: Decodable {
        var provider: String?
        var model: String?
        var strategy: String?
        var targets: [Target]?
        var retries: Int?
        var backoff: String?
        var maxBackoff: String?
        var timeout: String?
        var deadline: String?
        var retryOn: [String]?
        var fallbackOn: [String]?
        var cache: Cache?
        /// `models.<name>.guardrails`: the model's own guardrail policy.
        var guardrails: GuardrailPolicy?

        enum CodingKeys: String, CodingKey {
            case provider, model, strategy, targets, retries, backoff, timeout, deadline, cache, guardrails
            case maxBackoff = "max_backoff", retryOn = "retry_on", fallbackOn = "fallback_on"
        }
    }

    struct Routing: Decodable {
        struct Breaker: Decodable {
            var failureRatio: Double?
            var minRequests: Int?
            var window: String?
            var cooldown: String?

            enum CodingKeys: String, CodingKey {
                case failureRatio = "failure_ratio", minRequests = "min_requests", window, cooldown
            }
        }
        var circuitBreaker: Breaker?
        var exploration: Double?

        enum CodingKeys: String, CodingKey { case circuitBreaker = "circuit_breaker", exploration }
    }

    var providers: [String: Provider]?
    var models: [String: Model]?
    var routing: Routing?
    /// Price overrides and additions, same fields as the shipped pricing data.
    var pricing: [PriceEntry]?
    /// Plan quota overrides (see `ProxyFile+Plans`).
    var plans: [String: [String: QuotaValue]]?
    /// OpenTelemetry export (see `ProxyFile+Telemetry`).
    var otel: Telemetry?
    /// Custom entities and the default guardrail policy (see `ProxyFile+Guardrails`).
    var guardrails: Guardrails?

    /// What a brokle.yaml yields.
    struct Loaded {
        var catalog: ProviderCatalog
        var prices: [ModelPrice]
        var routing: RoutingSettings = RoutingSettings()
        var plans: [Plan: PlanQuota] = PlanQuota.shipped
        var telemetry = TelemetrySettings()
        var guardrails = GuardrailSettings()
        /// `guardrails.refresh`, when the file gives it.
        var guardrailsRefresh: TimeInterval?
    }

    /// Reads, expands `${VAR}`, decodes and validates `path`; every error names the file and key.
    static func loadAll(path: String, lookup: (String) -> String?) throws(BrokleError) -> Loaded {
        try load(try read(path), source: path, lookup: lookup)
    }

    /// The text of the brokle.yaml at `path`; a clear error when it cannot be read.
    static func read(_ path: String) throws(BrokleError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw BrokleError(
                .config, "cannot read \(path): \(error.localizedDescription)",
                hint: "set BROKLE_CONFIG or --config to an existing brokle.yaml")
        }
    }

    /// Expands, decodes and validates the text of a brokle.yaml read from `source`.
    static func load(_ raw: String, source: String, lookup: (String) -> String?) throws(BrokleError) -> Loaded {
        let text = try VariableExpansion.expand(raw, source: source, lookup: lookup)
        let ledger = KeyLedger()
        let file: ProxyFile
        do {
            file = try YAMLDecoder().decode(KeyChecked<ProxyFile>.self, from: text, userInfo: [KeyLedger.userInfoKey: ledger]).value
        } catch let error as DecodingError {
            // A mistyped key is often why a required one is missing: name it first.
            try rejectUnknownKeys(ledger, source: source)
            throw BrokleError(.config, "\(source): \(describe(error))")
        } catch {
            throw BrokleError(.config, "\(source): \(error)")
        }
        try rejectUnknownKeys(ledger, source: source)
        let (guardrails, refresh) = try guardrailSettings(file.guardrails, source: source)
        let catalog = try file.catalog(source: source)
        for route in catalog.models {
            guard let policy = route.guardrails else { continue }
            try check(policy, with: guardrails, key: "models.\(route.name).guardrails", source: source)
        }
        return Loaded(
            catalog: catalog, prices: try file.prices(source: source),
            routing: try file.routingSettings(source: source), plans: try planQuotas(file.plans, source: source),
            telemetry: try file.otel?.settings(source: source) ?? TelemetrySettings(), guardrails: guardrails,
            guardrailsRefresh: refresh)
    }

    func prices(source: String) throws(BrokleError) -> [ModelPrice] {
        var prices: [ModelPrice] = []
        for entry in pricing ?? [] { prices.append(try entry.price(source: source + ": pricing")) }
        return prices
    }

    func catalog(source: String) throws(BrokleError) -> ProviderCatalog {
        var providers: [ProviderConfig] = []
        for (name, provider) in (self.providers ?? [:]).sorted(by: { $0.key < $1.key }) {
            providers.append(try provider.config(name: name, source: source))
        }
        var models: [ModelRoute] = []
        for (name, model) in (self.models ?? [:]).sorted(by: { $0.key < $1.key }) {
            models.append(try model.route(name: name, providers: providers, source: source))
        }
        for route in models {
            guard case .model(let embedder)? = route.cache?.embedder else { continue }
            guard models.contains(where: { $0.name == embedder }) else {
                throw Self.bad(
                    source, "models.\(route.name).cache.embedder", "no model named '\(embedder)' (use lexical or an embeddings model)")
            }
        }
        guard !providers.isEmpty else { throw Self.bad(source, "providers", "at least one provider is needed") }
        return ProviderCatalog(providers: providers, models: models)
    }

    /// A duration such as `250ms`, `30s` or `2m`; a bad one is a config error naming the file and key.
    static func duration(_ text: String, source: String, key: String) throws(BrokleError) -> TimeInterval {
        do {
            return try DurationText.milliseconds(text, what: key)
        } catch {
            throw bad(source, key, "invalid duration '\(text)' (use a number and a unit: 250ms, 30s, 2m)")
        }
    }

    /// A config error naming every key of the file that no setting reads, with the nearest known key.
    static func rejectUnknownKeys(_ ledger: KeyLedger, source: String) throws(BrokleError) {
        let unknown = ledger.unknownKeys()
        guard !unknown.isEmpty else { return }
        let reasons = unknown.map { key in
            "\(key.path): unknown key" + (key.suggestion.map { " (did you mean \($0)?)" } ?? "")
        }
        throw BrokleError(.config, "\(source): " + reasons.joined(separator: "; "), hint: "see examples/brokle.yaml for every key")
    }

    /// A config error naming the file and the key.
    static func bad(_ source: String, _ key: String, _ reason: String) -> BrokleError {
        BrokleError(.config, "\(source): \(key): \(reason)", hint: "see examples/brokle.yaml")
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "\((path(context).isEmpty ? "" : path(context) + ".") + key.stringValue): missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(path(context)): \(context.debugDescription)"
        case .dataCorrupted(let context): return "\(path(context).isEmpty ? "file" : path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
