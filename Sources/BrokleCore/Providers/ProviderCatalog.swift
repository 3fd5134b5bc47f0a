import Foundation

/// The providers and models a gateway serves, validated.
package struct ProviderCatalog: Sendable, Equatable {
    package var providers: [ProviderConfig]
    package var models: [ModelRoute]

    package init(providers: [ProviderConfig], models: [ModelRoute]) {
        self.providers = providers
        self.models = models
    }

    package func provider(named name: String) -> ProviderConfig? {
        providers.first { $0.name == name }
    }

    /// Whether `model` is a configured public name (not `provider/model` addressing).
    package func isConfigured(_ model: String) -> Bool {
        models.contains { $0.name == model }
    }

    /// Where `model` goes: a configured public name first, then `provider/model` addressing a
    /// provider directly. nil when neither applies.
    package func route(_ model: String) -> ModelRoute? {
        if let route = models.first(where: { $0.name == model }) { return route }
        guard let slash = model.firstIndex(of: "/") else { return nil }
        let providerName = String(model[..<slash])
        let upstream = String(model[model.index(after: slash)...])
        guard !upstream.isEmpty, provider(named: providerName) != nil else { return nil }
        return ModelRoute(name: model, provider: providerName, upstreamModel: upstream)
    }

    /// The catalog used when no brokle.yaml exists: the mock provider (so `brokle proxy` works on a
    /// fresh machine) and, when an OpenAI key is available, OpenAI.
    package static func defaults(openAIKey: String?) -> ProviderCatalog {
        var providers = [ProviderConfig(name: "mock", kind: .mock(.init()))]
        var models = [
            ModelRoute(name: "mock-chat", provider: "mock", upstreamModel: "mock-chat"),
            ModelRoute(name: "mock-embed", provider: "mock", upstreamModel: "mock-embed"),
        ]
        if let openAIKey, !openAIKey.isEmpty {
            var openAI = ProviderConfig.HTTPSettings(baseURL: "https://api.openai.com/v1", apiKey: openAIKey)
            openAI.speaksResponses = true
            providers.append(ProviderConfig(name: "openai", kind: .openai(openAI)))
            models += ["gpt-4o-mini", "gpt-4o", "text-embedding-3-small"].map {
                ModelRoute(name: $0, provider: "openai", upstreamModel: $0)
            }
        }
        return ProviderCatalog(providers: providers, models: models)
    }
}
