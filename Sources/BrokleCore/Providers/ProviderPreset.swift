/// Provider kinds that are OpenAI-compatible APIs at a known address: `kind: groq` in brokle.yaml
/// is `kind: openai` with this base URL (overridable with `base_url`). Cloud services need the
/// user's key (`api_key`); local servers need none.
package struct ProviderPreset: Sendable, Equatable {
    package var kind: String
    package var baseURL: String
    package var needsKey: Bool

    package static let all: [ProviderPreset] = [
        ProviderPreset(kind: "groq", baseURL: "https://api.groq.com/openai/v1", needsKey: true),
        ProviderPreset(kind: "together", baseURL: "https://api.together.xyz/v1", needsKey: true),
        ProviderPreset(kind: "mistral", baseURL: "https://api.mistral.ai/v1", needsKey: true),
        ProviderPreset(kind: "deepseek", baseURL: "https://api.deepseek.com/v1", needsKey: true),
        ProviderPreset(kind: "openrouter", baseURL: "https://openrouter.ai/api/v1", needsKey: true),
        ProviderPreset(kind: "fireworks", baseURL: "https://api.fireworks.ai/inference/v1", needsKey: true),
        ProviderPreset(kind: "xai", baseURL: "https://api.x.ai/v1", needsKey: true),
        // Perplexity serves chat completions at the root, without /v1.
        ProviderPreset(kind: "perplexity", baseURL: "https://api.perplexity.ai", needsKey: true),
        ProviderPreset(kind: "ollama", baseURL: "http://127.0.0.1:11434/v1", needsKey: false),
        ProviderPreset(kind: "vllm", baseURL: "http://127.0.0.1:8000/v1", needsKey: false),
        ProviderPreset(kind: "lmstudio", baseURL: "http://127.0.0.1:1234/v1", needsKey: false),
    ]

    package static func named(_ kind: String) -> ProviderPreset? {
        all.first { $0.kind == kind }
    }
}
