@testable import BrokleCore
@testable import BrokleSettings
import Foundation
import Testing

@Suite struct ProxyFileTests {
    func load(_ yaml: String, variables: [String: String] = [:]) throws -> ProviderCatalog {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("brokle-\(UUID().uuidString).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return try ProxyFile.loadAll(path: path, lookup: { variables[$0] }).catalog
    }

    @Test func readsProvidersModelsAndVariables() throws {
        let catalog = try load(
            """
            providers:
              openai:
                kind: openai
                base_url: https://api.openai.com/v1/
                api_key: ${OPENAI_API_KEY}
                headers: { OpenAI-Organization: org-1 }
                timeout: 90s
              local: { kind: openai, base_url: "http://127.0.0.1:11434/v1" }
              mock: { kind: mock, mode: echo, latency: 20ms, chunk_interval: 5ms, error_rate: 0.1, error_status: 429 }
            models:
              gpt-4o-mini: { provider: openai }
              llama: { provider: local, model: "llama3.1:8b" }
            """, variables: ["OPENAI_API_KEY": "sk-test"])
        #expect(catalog.providers.map(\.name) == ["local", "mock", "openai"])
        guard case .openai(let openai) = catalog.provider(named: "openai")?.kind else { Issue.record("openai kind"); return }
        #expect(openai.baseURL == "https://api.openai.com/v1")
        #expect(openai.apiKey == "sk-test")
        #expect(openai.headers == ["OpenAI-Organization": "org-1"])
        #expect(openai.timeout == 90)
        guard case .mock(let mock) = catalog.provider(named: "mock")?.kind else { Issue.record("mock kind"); return }
        #expect(mock.mode == .echo && abs(mock.latency - 0.02) < 1e-9 && mock.errorStatus == 429)
        #expect(catalog.route("gpt-4o-mini") == ModelRoute(name: "gpt-4o-mini", provider: "openai", upstreamModel: "gpt-4o-mini"))
        #expect(catalog.route("llama")?.upstreamModel == "llama3.1:8b")
        #expect(catalog.route("local/qwen2.5:7b") == ModelRoute(name: "local/qwen2.5:7b", provider: "local", upstreamModel: "qwen2.5:7b"))
        #expect(catalog.route("nope/x") == nil)
        #expect(catalog.route("unknown") == nil)
    }

    @Test(arguments: [
        ("providers:\n  a: { kind: carrier-pigeon }", "providers.a.kind"),
        ("providers:\n  a: { kind: openai }", "providers.a.base_url"),
        ("providers:\n  a: { kind: openai, base_url: ftp://x }", "providers.a.base_url"),
        ("providers:\n  a: { kind: mock, error_rate: 2 }", "providers.a.error_rate"),
        ("providers:\n  a: { kind: mock }\nmodels:\n  m: { provider: b }", "models.m.provider"),
        ("providers:\n  a: { kind: openai, base_url: 'http://x/v1', api_key: '${MISSING_KEY}' }", "${MISSING_KEY} is not set"),
        ("providers: [1, 2", ".yaml: "),
        ("models:\n  m: { model: x }", "models.m.provider"),
    ])
    func badFilesNameTheKey(yaml: String, expected: String) {
        #expect {
            try load(yaml)
        } throws: { error in
            guard let error = error as? BrokleError else { return false }
            return error.kind == .config && error.message.contains(expected)
        }
    }

    @Test func pricingOverridesAreReadAndChecked() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("brokle-\(UUID().uuidString).yaml").path
        try """
        providers: { local: { kind: openai, base_url: "http://127.0.0.1:11434/v1" } }
        pricing:
          - { provider: local, model: "llama3.1:8b", input: "0", output: "0" }
          - { provider: openai, model: gpt-4o, input: "2.00", output: "8.00", cached_input: "0.50" }
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = try ProxyFile.loadAll(path: path, lookup: { _ in nil })
        #expect(loaded.prices.count == 2)
        #expect(loaded.prices[1].cachedInput == Decimal(string: "0.50"))
        try "providers: { m: { kind: mock } }\npricing:\n  - { provider: m, model: x, input: cheap, output: \"0\" }\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        #expect { try ProxyFile.loadAll(path: path, lookup: { _ in nil }) } throws: {
            ($0 as? BrokleError)?.message.contains("pricing: m/x.input") == true
        }
    }

    @Test func theExampleFileIsValid() throws {
        let path = Repository.root.appendingPathComponent("examples/brokle.yaml").path
        let catalog = try ProxyFile.loadAll(path: path, lookup: { $0 == "OPENAI_API_KEY" ? "sk-example" : nil }).catalog
        #expect(catalog.route("llama")?.upstreamModel == "llama3.1:8b")
        #expect(catalog.route("mock-chat")?.provider == "mock")
    }

    @Test func theRoutingAndProviderExamplesAreValid() throws {
        let routing = try ProxyFile.loadAll(
            path: Repository.root.appendingPathComponent("examples/routing.yaml").path, lookup: { _ in nil })
        #expect(routing.catalog.route("resilient")?.targets.count == 2)
        #expect(routing.catalog.route("split")?.strategy == .weighted)
        let providers = try ProxyFile.loadAll(
            path: Repository.root.appendingPathComponent("examples/providers.yaml").path, lookup: { "key-for-\($0)" })
        #expect(providers.catalog.providers.count == 15)
        #expect(providers.catalog.route("smart")?.strategy == .lowestCost)
    }

    @Test func variableDefaultsAndEscapes() throws {
        #expect(
            try VariableExpansion.expand("a ${X:-fallback} $$ ${Y}", source: "f", lookup: { $0 == "Y" ? "y" : nil }) == "a fallback $ y")
        #expect(
            try VariableExpansion.expand(
                "k: '${Y} # not a comment' # ${UNSET} stays\n# ${UNSET}", source: "f", lookup: { $0 == "Y" ? "y" : nil })
                == "k: 'y # not a comment' # ${UNSET} stays\n# ${UNSET}")
    }
}
