import BrokleCore
import Foundation

extension ProxyFile.Provider {
    /// The validated provider `name`; errors name the file and the key.
    func config(name: String, source: String) throws(BrokleError) -> ProviderConfig {
        let key = "providers.\(name)"
        func bad(_ field: String, _ reason: String) -> BrokleError { ProxyFile.bad(source, key + field, reason) }
        guard !name.isEmpty, !name.contains("/") else { throw bad("", "provider names cannot be empty or contain '/'") }
        if let responsesAPI, responsesAPI, ["mock", "anthropic", "gemini"].contains(kind) {
            throw bad(".responses_api", "kind \(kind) does not speak OpenAI's Responses API (requests to it are translated)")
        }
        let responsesOnly = try responsesOnly(key: key, source: source)
        switch kind {
        case "mock":
            return ProviderConfig(name: name, kind: .mock(try mockSettings(key: key, source: source)))
        case "openai":
            var settings = try http(key: key, source: source, defaultURL: nil, needsKey: false)
            // OpenAI itself serves /v1/responses; an OpenAI-compatible server says so in its config.
            settings.speaksResponses = responsesAPI ?? (URL(string: settings.baseURL)?.host == "api.openai.com")
            settings.setResponsesOnly(responsesOnly)
            return ProviderConfig(name: name, kind: .openai(settings))
        case "azure":
            var settings = try http(
                key: key, source: source, defaultURL: nil, needsKey: true, example: "https://my-resource.openai.azure.com")
            settings.speaksResponses = responsesAPI ?? true
            settings.setResponsesOnly(responsesOnly)
            let version = apiVersion ?? "2024-10-21"
            guard !version.isEmpty, version.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
                throw bad(".api_version", "looks like 2024-10-21 (letters, digits and '-')")
            }
            return ProviderConfig(name: name, kind: .azure(settings, apiVersion: version))
        case "anthropic":
            return ProviderConfig(
                name: name, kind: .anthropic(try http(key: key, source: source, defaultURL: "https://api.anthropic.com/v1", needsKey: true))
            )
        case "gemini":
            return ProviderConfig(
                name: name,
                kind: .gemini(
                    try http(
                        key: key, source: source, defaultURL: "https://generativelanguage.googleapis.com/v1beta", needsKey: true
                    )))
        default:
            guard let preset = ProviderPreset.named(kind) else {
                let kinds = ["openai", "azure", "anthropic", "gemini", "mock"] + ProviderPreset.all.map(\.kind)
                throw bad(".kind", "unknown kind '\(kind)' (use one of: \(kinds.joined(separator: ", ")))")
            }
            var settings = try http(key: key, source: source, defaultURL: preset.baseURL, needsKey: preset.needsKey)
            settings.speaksResponses = responsesAPI ?? false
            settings.setResponsesOnly(responsesOnly)
            return ProviderConfig(name: name, kind: .openai(settings), kindName: preset.kind)
        }
    }

    /// `api`: `chat` (the default) or `responses`, the latter only for the OpenAI-shaped kinds and
    /// not beside `responses_api: false` (a provider that serves only `/responses` speaks it).
    private func responsesOnly(key: String, source: String) throws(BrokleError) -> Bool {
        func bad(_ field: String, _ reason: String) -> BrokleError { ProxyFile.bad(source, key + field, reason) }
        switch api {
        case nil, "chat": return false
        case "responses":
            if ["mock", "anthropic", "gemini"].contains(kind) {
                throw bad(
                    ".api", "kind \(kind) has its own API: 'api: responses' is for kinds that speak OpenAI's (openai, azure, presets)")
            }
            if responsesAPI == false {
                throw bad(".responses_api", "cannot be false with 'api: responses' (the provider serves only /responses)")
            }
            return true
        case let other?:
            throw bad(".api", "unknown API '\(other)' (use chat or responses)")
        }
    }

    /// Base URL (or the kind's default), key, headers and timeout of an HTTP provider.
    private func http(
        key: String, source: String, defaultURL: String?, needsKey: Bool,
        example: String = "https://api.openai.com/v1"
    ) throws(BrokleError) -> ProviderConfig.HTTPSettings {
        func bad(_ field: String, _ reason: String) -> BrokleError { ProxyFile.bad(source, key + field, reason) }
        guard let base = baseURL ?? defaultURL, let url = URL(string: base), let scheme = url.scheme,
            ["http", "https"].contains(scheme), url.host != nil
        else {
            throw bad(".base_url", "needs an http(s) URL such as \(example)")
        }
        let timeout =
            try self.timeout.map { (text) throws(BrokleError) in try ProxyFile.duration(text, source: source, key: key + ".timeout") }
            ?? 600
        guard timeout > 0 else { throw bad(".timeout", "must be longer than zero") }
        let apiKey = self.apiKey.flatMap { $0.isEmpty ? nil : $0 }
        if needsKey && apiKey == nil {
            throw bad(".api_key", "kind \(kind) needs an API key (e.g. api_key: \"${\(kind.uppercased())_API_KEY}\")")
        }
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        return ProviderConfig.HTTPSettings(baseURL: trimmed, apiKey: apiKey, headers: headers ?? [:], timeout: timeout)
    }

    private func mockSettings(key: String, source: String) throws(BrokleError) -> ProviderConfig.MockSettings {
        func bad(_ field: String, _ reason: String) -> BrokleError { ProxyFile.bad(source, key + field, reason) }
        var settings = ProviderConfig.MockSettings()
        if let mode {
            guard let parsed = ProviderConfig.MockSettings.Mode(rawValue: mode) else { throw bad(".mode", "use echo or lorem") }
            settings.mode = parsed
        }
        if let seed { settings.seed = seed }
        if let latency { settings.latency = try ProxyFile.duration(latency, source: source, key: key + ".latency") }
        if let chunkInterval {
            settings.chunkInterval = try ProxyFile.duration(chunkInterval, source: source, key: key + ".chunk_interval")
        }
        if let completionTokens {
            guard (1...100_000).contains(completionTokens) else { throw bad(".completion_tokens", "must be 1 to 100000") }
            settings.completionTokens = completionTokens
        }
        if let errorRate {
            guard (0...1).contains(errorRate) else { throw bad(".error_rate", "must be between 0 and 1") }
            settings.errorRate = errorRate
        }
        if let errorStatus {
            guard (400...599).contains(errorStatus) else { throw bad(".error_status", "must be an HTTP error status (400-599)") }
            settings.errorStatus = errorStatus
        }
        if let embeddingDimensions {
            guard (1...8192).contains(embeddingDimensions) else { throw bad(".embedding_dimensions", "must be 1 to 8192") }
            settings.embeddingDimensions = embeddingDimensions
        }
        return settings
    }
}
