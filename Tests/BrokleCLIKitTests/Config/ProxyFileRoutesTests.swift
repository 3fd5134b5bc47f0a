@testable import BrokleCore
@testable import BrokleSettings
import Foundation
import Testing

/// brokle.yaml routes (targets, strategies, resilience), routing defaults and provider kinds.
@Suite struct ProxyFileRoutesTests {
    func load(_ yaml: String, variables: [String: String] = [:]) throws -> ProxyFile.Loaded {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("brokle-\(UUID().uuidString).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return try ProxyFile.loadAll(path: path, lookup: { variables[$0] })
    }

    @Test func readsTargetsStrategyResilienceAndRoutingDefaults() throws {
        let loaded = try load(
            """
            providers:
              a: { kind: mock }
              b: { kind: mock }
            models:
              smart:
                strategy: weighted
                targets:
                  - { provider: a, model: m1, weight: 3 }
                  - { provider: b, weight: 1 }
                retries: 2
                backoff: 100ms
                max_backoff: 2s
                timeout: 10s
                deadline: 30s
                retry_on: [429, timeout]
                fallback_on: [connect, timeout, 429, 5xx, 4xx]
              plain: { provider: a }
            routing:
              exploration: 0.1
              circuit_breaker: { failure_ratio: 0.25, min_requests: 20, window: 1m, cooldown: 45s }
            """)
        let smart = try #require(loaded.catalog.route("smart"))
        #expect(smart.strategy == .weighted)
        #expect(
            smart.targets == [RouteTarget(provider: "a", model: "m1", weight: 3), RouteTarget(provider: "b", model: "smart", weight: 1)])
        #expect(smart.resilience.retries == 2)
        #expect(abs(smart.resilience.backoff - 0.1) < 1e-9 && smart.resilience.maxBackoff == 2)
        #expect(smart.resilience.attemptTimeout == 10 && smart.resilience.deadline == 30)
        #expect(smart.resilience.retryOn == [.rateLimited, .timeout])
        #expect(smart.resilience.fallbackOn == Set(FailureKind.allCases))
        let plain = try #require(loaded.catalog.route("plain"))
        #expect(plain.strategy == .fallback && plain.resilience == Resilience())
        #expect(loaded.routing.exploration == 0.1)
        #expect(loaded.routing.circuitBreaker.failureRatio == 0.25 && loaded.routing.circuitBreaker.minimumRequests == 20)
        #expect(loaded.routing.circuitBreaker.window == 60 && loaded.routing.circuitBreaker.cooldown == 45)
    }

    @Test func providerKindsAndPresets() throws {
        let catalog = try load(
            """
            providers:
              claude: { kind: anthropic, api_key: "${ANTHROPIC_API_KEY}" }
              google: { kind: gemini, api_key: g-key }
              azure-eu: { kind: azure, base_url: "https://eu.openai.azure.com/", api_key: az-key, api_version: 2024-10-21 }
              groq: { kind: groq, api_key: gq-key }
              local: { kind: ollama }
              self-hosted: { kind: vllm, base_url: "http://10.0.0.5:8000/v1" }
            """, variables: ["ANTHROPIC_API_KEY": "sk-ant"]
        ).catalog
        guard case .anthropic(let claude) = catalog.provider(named: "claude")?.kind else { Issue.record("anthropic"); return }
        #expect(claude.baseURL == "https://api.anthropic.com/v1" && claude.apiKey == "sk-ant")
        guard case .gemini(let google) = catalog.provider(named: "google")?.kind else { Issue.record("gemini"); return }
        #expect(google.baseURL == "https://generativelanguage.googleapis.com/v1beta")
        guard case .azure(let azure, let version) = catalog.provider(named: "azure-eu")?.kind else { Issue.record("azure"); return }
        #expect(azure.baseURL == "https://eu.openai.azure.com" && version == "2024-10-21")
        guard case .openai(let groq) = catalog.provider(named: "groq")?.kind else { Issue.record("groq"); return }
        #expect(groq.baseURL == "https://api.groq.com/openai/v1" && groq.apiKey == "gq-key")
        #expect(catalog.provider(named: "groq")?.kindName == "groq")
        guard case .openai(let local) = catalog.provider(named: "local")?.kind else { Issue.record("ollama"); return }
        #expect(local.baseURL == "http://127.0.0.1:11434/v1" && local.apiKey == nil)
        guard case .openai(let vllm) = catalog.provider(named: "self-hosted")?.kind else { Issue.record("vllm"); return }
        #expect(vllm.baseURL == "http://10.0.0.5:8000/v1")
    }

    @Test(arguments: [
        ("models:\n  m: { strategy: fastest, targets: [{ provider: a }] }", "models.m.strategy: unknown strategy 'fastest'"),
        ("models:\n  m: { targets: [] }", "models.m.targets: needs at least one target"),
        ("models:\n  m: { targets: [{ provider: nope }] }", "models.m.targets.0.provider: no provider named 'nope'"),
        ("models:\n  m: { provider: a, targets: [{ provider: a }] }", "models.m: use either provider"),
        ("models:\n  m: { targets: [{ provider: a, weight: -1 }] }", "models.m.targets.0.weight"),
        ("models:\n  m: { strategy: weighted, targets: [{ provider: a, weight: 0 }] }", "models.m.targets: weighted routing needs"),
        ("models:\n  m: { targets: [{ provider: a }, { provider: a }] }", "lists the same provider and model twice"),
        ("models:\n  m: { provider: a, retries: 50 }", "models.m.retries"),
        ("models:\n  m: { provider: a, retry_on: [sometimes] }", "models.m.retry_on: unknown failure 'sometimes'"),
        ("models:\n  m: { provider: a, timeout: 60s, deadline: 30s }", "models.m.timeout"),
        ("routing:\n  circuit_breaker: { failure_ratio: 2 }", "routing.circuit_breaker.failure_ratio"),
        ("routing:\n  exploration: 0.9", "routing.exploration"),
    ])
    func badRoutesNameTheFileAndKey(yaml: String, expected: String) {
        #expect {
            try load("providers:\n  a: { kind: mock }\n" + yaml)
        } throws: { error in
            guard let error = error as? BrokleError else { return false }
            return error.kind == .config && error.message.contains(".yaml: ") && error.message.contains(expected)
        }
    }

    @Test(arguments: [
        ("providers:\n  c: { kind: anthropic }", "providers.c.api_key: kind anthropic needs an API key"),
        ("providers:\n  g: { kind: groq }", "providers.g.api_key"),
        ("providers:\n  z: { kind: azure, api_key: k }", "providers.z.base_url"),
        ("providers:\n  z: { kind: azure, base_url: 'https://x', api_key: k, api_version: 'v/../1' }", "providers.z.api_version"),
        ("providers:\n  x: { kind: bedrock }", "unknown kind 'bedrock'"),
    ])
    func badProvidersNameTheKey(yaml: String, expected: String) {
        #expect {
            try load(yaml)
        } throws: { error in
            guard let error = error as? BrokleError else { return false }
            return error.kind == .config && error.message.contains(expected)
        }
    }
}
