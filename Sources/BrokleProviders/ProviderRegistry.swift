import BrokleCore
import BrokleTransport

/// The adapters for a catalog's providers, sharing one pooled HTTP client.
package struct ProviderRegistry: Sendable {
    package let adapters: [String: any ProviderAdapter]

    package init(catalog: ProviderCatalog, client: UpstreamClient) {
        var adapters: [String: any ProviderAdapter] = [:]
        for provider in catalog.providers {
            switch provider.kind {
            case .openai(let settings): adapters[provider.name] = OpenAIProvider(name: provider.name, settings: settings, client: client)
            case .azure(let settings, let version):
                adapters[provider.name] = OpenAIProvider(
                    name: provider.name, settings: settings, client: client, addressing: .azure(apiVersion: version))
            case .anthropic(let settings):
                adapters[provider.name] = AnthropicProvider(name: provider.name, settings: settings, client: client)
            case .gemini(let settings): adapters[provider.name] = GeminiProvider(name: provider.name, settings: settings, client: client)
            case .mock(let settings): adapters[provider.name] = MockProvider(name: provider.name, settings: settings)
            }
        }
        self.adapters = adapters
    }

    package subscript(name: String) -> (any ProviderAdapter)? { adapters[name] }
}
