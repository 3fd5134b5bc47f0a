@testable import BrokleCore
@testable import BrokleSettings
import Foundation
import Testing

/// `api: responses`: a provider that serves only OpenAI's Responses API.
@Suite struct ProxyFileResponsesOnlyTests {
    func load(_ yaml: String) throws -> ProviderCatalog {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("brokle-\(UUID().uuidString).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try ProxyFile.loadAll(path: path, lookup: { _ in nil }).catalog
    }

    func http(_ catalog: ProviderCatalog, _ name: String) -> ProviderConfig.HTTPSettings? {
        switch catalog.provider(named: name)?.kind {
        case .openai(let settings)?, .azure(let settings, _)?: settings
        default: nil
        }
    }

    @Test func responsesOnlyImpliesSpeakingTheResponsesAPI() throws {
        let catalog = try load(
            """
            providers:
              vllm: { kind: openai, base_url: "http://127.0.0.1:8000/v1", api: responses }
              az: { kind: azure, base_url: "https://r.openai.azure.com", api_key: k, api: responses }
              groq: { kind: groq, api_key: k, api: chat }
              plain: { kind: openai, base_url: "http://127.0.0.1:8000/v1" }
            """)
        #expect(http(catalog, "vllm")?.responsesOnly == true && http(catalog, "vllm")?.speaksResponses == true)
        #expect(http(catalog, "az")?.responsesOnly == true)
        #expect(http(catalog, "groq")?.responsesOnly == false && http(catalog, "groq")?.speaksResponses == false)
        #expect(http(catalog, "plain")?.responsesOnly == false)
    }

    @Test(arguments: [
        ("providers:\n  a: { kind: openai, base_url: 'http://x/v1', api: completions }", "providers.a.api: unknown API 'completions'"),
        ("providers:\n  a: { kind: anthropic, api_key: k, api: responses }", "providers.a.api: kind anthropic"),
        ("providers:\n  a: { kind: gemini, api_key: k, api: responses }", "providers.a.api: kind gemini"),
        ("providers:\n  a: { kind: mock, api: responses }", "providers.a.api: kind mock"),
        ("providers:\n  a: { kind: openai, base_url: 'http://x/v1', api: responses, responses_api: false }", "providers.a.responses_api"),
    ])
    func badValuesNameTheKey(yaml: String, expected: String) {
        #expect {
            try load(yaml)
        } throws: { error in
            guard let error = error as? BrokleError else { return false }
            return error.kind == .config && error.message.contains(expected)
        }
    }
}
