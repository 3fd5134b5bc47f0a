import Foundation
import Yams

/// `brokle.yaml`: providers and public models.
///
/// ```yaml
/// providers:
///   openai: { kind: openai, base_url: https://api.openai.com/v1, api_key: "${OPENAI_API_KEY}" }
///   local:  { kind: openai, base_url: http://127.0.0.1:11434/v1, timeout: 120s }
///   mock:   { kind: mock, mode: echo, latency: 20ms, chunk_interval: 5ms }
/// models:
///   gpt-4o-mini: { provider: openai, model: gpt-4o-mini }
///   llama: { provider: local, model: llama3.1:8b }
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

        enum CodingKeys: String, CodingKey {
            case kind, baseURL = "base_url", apiKey = "api_key", headers, timeout, mode, seed, latency
            case chunkInterval = "chunk_interval", completionTokens = "completion_tokens", errorRate = "error_rate"
            case errorStatus = "error_status", embeddingDimensions = "embedding_dimensions"
        }
    }

    struct Model: Decodable {
        var provider: String
        var model: String?
    }

    var providers: [String: Provider]?
    var models: [String: Model]?
    /// Price overrides and additions, same fields as the shipped pricing data.
    var pricing: [PriceEntry]?

    /// What a brokle.yaml yields.
    struct Loaded {
        var catalog: ProviderCatalog
        var prices: [ModelPrice]
    }

    /// Reads, expands `${VAR}`, decodes and validates `path`; every error names the file and key.
    static func loadAll(path: String, lookup: (String) -> String?) throws(BrokleError) -> Loaded {
        let raw: String
        do {
            raw = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw BrokleError(.config, "cannot read \(path): \(error.localizedDescription)", hint: "set BROKLE_CONFIG or --config to an existing brokle.yaml")
        }
        let text = try VariableExpansion.expand(raw, source: path, lookup: lookup)
        let file: ProxyFile
        do {
            file = try YAMLDecoder().decode(ProxyFile.self, from: text)
        } catch let error as DecodingError {
            throw BrokleError(.config, "\(path): \(describe(error))")
        } catch {
            throw BrokleError(.config, "\(path): \(error)")
        }
        return Loaded(catalog: try file.catalog(source: path), prices: try file.prices(source: path))
    }

    func prices(source: String) throws(BrokleError) -> [ModelPrice] {
        var prices: [ModelPrice] = []
        for entry in pricing ?? [] { prices.append(try entry.price(source: source + ": pricing")) }
        return prices
    }

    func catalog(source: String) throws(BrokleError) -> ProviderCatalog {
        func bad(_ key: String, _ reason: String) -> BrokleError {
            BrokleError(.config, "\(source): \(key): \(reason)", hint: "see examples/brokle.yaml")
        }
        var providers: [ProviderConfig] = []
        for (name, provider) in (self.providers ?? [:]).sorted(by: { $0.key < $1.key }) {
            let key = "providers.\(name)"
            guard !name.isEmpty, !name.contains("/") else { throw bad(key, "provider names cannot be empty or contain '/'") }
            switch provider.kind {
            case "openai":
                guard let base = provider.baseURL, let url = URL(string: base), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                    throw bad(key + ".base_url", "needs an http(s) URL such as https://api.openai.com/v1")
                }
                let timeout = try provider.timeout.map { (text) throws(BrokleError) in try DurationText.seconds(text, what: key + ".timeout") } ?? 600
                guard timeout > 0 else { throw bad(key + ".timeout", "must be longer than zero") }
                let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
                providers.append(ProviderConfig(name: name, kind: .openai(.init(
                    baseURL: trimmed, apiKey: provider.apiKey.flatMap { $0.isEmpty ? nil : $0 }, headers: provider.headers ?? [:], timeout: timeout
                ))))
            case "mock":
                var settings = ProviderConfig.MockSettings()
                if let mode = provider.mode {
                    guard let parsed = ProviderConfig.MockSettings.Mode(rawValue: mode) else { throw bad(key + ".mode", "use echo or lorem") }
                    settings.mode = parsed
                }
                if let seed = provider.seed { settings.seed = seed }
                if let latency = provider.latency { settings.latency = try DurationText.milliseconds(latency, what: key + ".latency") }
                if let interval = provider.chunkInterval { settings.chunkInterval = try DurationText.milliseconds(interval, what: key + ".chunk_interval") }
                if let tokens = provider.completionTokens {
                    guard (1...100_000).contains(tokens) else { throw bad(key + ".completion_tokens", "must be 1 to 100000") }
                    settings.completionTokens = tokens
                }
                if let rate = provider.errorRate {
                    guard (0...1).contains(rate) else { throw bad(key + ".error_rate", "must be between 0 and 1") }
                    settings.errorRate = rate
                }
                if let status = provider.errorStatus {
                    guard (400...599).contains(status) else { throw bad(key + ".error_status", "must be an HTTP error status (400-599)") }
                    settings.errorStatus = status
                }
                if let dimensions = provider.embeddingDimensions {
                    guard (1...8192).contains(dimensions) else { throw bad(key + ".embedding_dimensions", "must be 1 to 8192") }
                    settings.embeddingDimensions = dimensions
                }
                providers.append(ProviderConfig(name: name, kind: .mock(settings)))
            default:
                throw bad(key + ".kind", "unknown kind '\(provider.kind)' (use openai or mock)")
            }
        }
        var models: [ModelRoute] = []
        for (name, model) in (self.models ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard providers.contains(where: { $0.name == model.provider }) else {
                throw bad("models.\(name).provider", "no provider named '\(model.provider)'")
            }
            models.append(ModelRoute(name: name, provider: model.provider, upstreamModel: model.model ?? name))
        }
        guard !providers.isEmpty else { throw bad("providers", "at least one provider is needed") }
        return ProviderCatalog(providers: providers, models: models)
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
