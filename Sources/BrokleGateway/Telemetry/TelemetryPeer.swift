import BrokleCore
import Foundation

/// What the spans say about a configured provider: its `gen_ai.provider.name` (and the older
/// `gen_ai.system`) from the GenAI conventions' well-known values, and the address it is called at.
struct TelemetryPeer: Sendable, Equatable {
    var providerName: String
    var system: String
    var address: String?
    var port: Int?

    init(_ provider: ProviderConfig) {
        let base: String?
        switch provider.kind {
        case .openai(let http):
            base = http.baseURL
            providerName = Self.wellKnown[provider.kindName] ?? provider.kindName
        case .azure(let http, _):
            base = http.baseURL
            providerName = "azure.ai.openai"
        case .anthropic(let http):
            base = http.baseURL
            providerName = "anthropic"
        case .gemini(let http):
            base = http.baseURL
            providerName = "gcp.gemini"
        case .mock:
            base = nil
            providerName = "brokle.mock"
        }
        system = Self.olderNames[providerName] ?? providerName
        if let base, let url = URL(string: base), let host = url.host {
            address = host
            port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
        }
    }

    /// brokle.yaml kinds whose convention name differs from the kind.
    private static let wellKnown = ["mistral": "mistral_ai", "xai": "x_ai"]
    /// `gen_ai.system` values from before `gen_ai.provider.name` existed.
    private static let olderNames = ["azure.ai.openai": "az.ai.openai", "gcp.gemini": "gemini", "x_ai": "xai"]
}
