@testable import BrokleCore
import Foundation
import Testing

/// A gateway in front of the two local fakes, FakeAnthropic and FakeGemini, configured as providers
/// of kind `anthropic` and `gemini`, plus the mock. The public models and what their upstream
/// answers (see the fakes for how the upstream model picks the answer):
///
/// - `claude-cached` → anthropic `claude-sonnet-4-5-text`: a text message with cache read and write
///   usage, or the text stream (priced as claude-sonnet-4-5, by pattern);
/// - `claude-tools` → anthropic `claude-sonnet-4-5-tools`: a tool-use message or transcript;
/// - `claude-tools-via-openai` → `anthropic-as-openai` (kind openai, FakeAnthropic's OpenAI face):
///   the same tool-use message or transcript, already in OpenAI's format;
/// - `claude-overloaded` → anthropic `overloaded`: 529 quoting the provider key;
/// - `claude-broken` → anthropic `broken`: a stream that stops halfway;
/// - `gemini-flash` → gemini `gemini-2.5-flash`: tool calls, whole or streamed;
/// - `gemini-limited` → gemini `fail-429`; `gemini-down` → gemini `fail-503` (quotes the key);
/// - `resilient` → [anthropic `overloaded`, gemini `gemini-2.5-flash`], fallback.
extension GatewayHarness {
    static func providerKindsCatalog(anthropicPort: Int, geminiPort: Int) -> ProviderCatalog {
        let providers = [
            ProviderConfig(name: "mock", kind: .mock(.init())),
            ProviderConfig(
                name: "anthropic",
                kind: .anthropic(
                    .init(
                        baseURL: "http://127.0.0.1:\(anthropicPort)/v1", apiKey: FakeAnthropic.key, timeout: 10
                    ))),
            ProviderConfig(
                name: "anthropic-as-openai",
                kind: .openai(
                    .init(
                        baseURL: "http://127.0.0.1:\(anthropicPort)/v1", apiKey: FakeAnthropic.key, timeout: 10
                    ))),
            ProviderConfig(
                name: "gemini",
                kind: .gemini(
                    .init(
                        baseURL: "http://127.0.0.1:\(geminiPort)/v1beta", apiKey: FakeGemini.apiKey, timeout: 10
                    ))),
        ]
        let models = [
            ModelRoute(name: "mock-chat", provider: "mock", upstreamModel: "mock-chat"),
            ModelRoute(name: "claude-cached", provider: "anthropic", upstreamModel: "claude-sonnet-4-5-text"),
            ModelRoute(name: "claude-tools", provider: "anthropic", upstreamModel: "claude-sonnet-4-5-tools"),
            ModelRoute(name: "claude-tools-via-openai", provider: "anthropic-as-openai", upstreamModel: "claude-sonnet-4-5-tools"),
            ModelRoute(name: "claude-overloaded", provider: "anthropic", upstreamModel: "overloaded"),
            ModelRoute(name: "claude-broken", provider: "anthropic", upstreamModel: "broken"),
            ModelRoute(name: "gemini-flash", provider: "gemini", upstreamModel: "gemini-2.5-flash"),
            ModelRoute(name: "gemini-limited", provider: "gemini", upstreamModel: "fail-429"),
            ModelRoute(name: "gemini-down", provider: "gemini", upstreamModel: "fail-503"),
            ModelRoute(
                name: "resilient",
                targets: [
                    RouteTarget(provider: "anthropic", model: "overloaded"), RouteTarget(provider: "gemini", model: "gemini-2.5-flash"),
                ]),
        ]
        return ProviderCatalog(providers: providers, models: models)
    }

    /// Runs both fakes and a gateway routing to them for the duration of `body`.
    static func withProviderKinds(
        catalog adjust: @Sendable (inout ProviderCatalog) -> Void = { _ in },
        _ body: @Sendable (GatewayHarness, FakeAnthropic, FakeGemini) async throws -> Void
    ) async throws {
        let anthropic = FakeAnthropic(), gemini = FakeGemini()
        try await anthropic.run { anthropicPort in
            try await gemini.run { geminiPort in
                var catalog = providerKindsCatalog(anthropicPort: anthropicPort, geminiPort: geminiPort)
                adjust(&catalog)
                try await GatewayHarness.run(catalog: catalog) {
                    harness in
                    try await body(harness, anthropic, gemini)
                }
            }
        }
    }

    /// The stored trace of one request, with every token column.
    struct StoredTrace: Sendable {
        var status: String
        var provider: String?
        var stream: Bool
        var tokensIn: Int
        var tokensOut: Int
        var tokensCached: Int
        var tokensCacheWrite: Int
        var tokensReasoning: Int
        var costStatus: String?
        var costNanoUSD: Int?
        var errorType: String?
    }

    /// The trace of request `id`, once `atLeast` traces are stored (a stream's trace is written
    /// just after its last byte went out).
    func trace(_ id: String, atLeast: Int = 1) async throws -> StoredTrace {
        _ = try await traces(atLeast: atLeast)
        let row = try #require(
            try await database.sql.raw(
                """
                SELECT status, provider, stream, tokens_in, tokens_out, tokens_cached, tokens_cache_write, tokens_reasoning,
                       cost_status, cost_nanousd, error_type FROM traces WHERE id = \(bind: id)
                """
            ).first(), "no trace \(id)")
        return StoredTrace(
            status: try row.decode(column: "status", as: String.self),
            provider: try row.decode(column: "provider", as: String?.self),
            stream: try row.decode(column: "stream", as: Bool.self),
            tokensIn: try row.decode(column: "tokens_in", as: Int.self),
            tokensOut: try row.decode(column: "tokens_out", as: Int.self),
            tokensCached: try row.decode(column: "tokens_cached", as: Int.self),
            tokensCacheWrite: try row.decode(column: "tokens_cache_write", as: Int.self),
            tokensReasoning: try row.decode(column: "tokens_reasoning", as: Int.self),
            costStatus: try row.decode(column: "cost_status", as: String?.self),
            costNanoUSD: try row.decode(column: "cost_nanousd", as: Int?.self),
            errorType: try row.decode(column: "error_type", as: String?.self)
        )
    }

    /// The upstream attempts of request `id`, in order.
    func attempts(_ id: String) async throws -> [(provider: String, status: String, http: Int?)] {
        _ = try await traces()
        let rows = try await database.sql.raw(
            "SELECT provider, status, http_status FROM trace_attempts WHERE trace_id = \(bind: id) ORDER BY attempt"
        ).all()
        return try rows.map {
            (
                try $0.decode(column: "provider", as: String.self), try $0.decode(column: "status", as: String.self),
                try $0.decode(column: "http_status", as: Int?.self)
            )
        }
    }

    /// What the shipped price book charges for `usage` on `model` served by `provider`: the
    /// expected cost, computed apart from the gateway.
    static func expectedCost(provider: String, model: String, _ usage: TokenUsage) throws -> Int {
        let price = try #require(try PriceBook.shipped().price(provider: provider, model: model), "\(provider)/\(model) should be priced")
        return Int(CostCalculator.nanoUSD(usage, price: price))
    }
}

extension JSONValue {
    /// The elements of a JSON array; empty for anything else.
    var elements: [JSONValue] { if case .array(let items) = self { items } else { [] } }
}

/// What an OpenAI client reads from a chat stream.
struct OpenAIStreamRead {
    /// Every `data:` payload as JSON, `[DONE]` as the string "[DONE]".
    var events: [JSONValue]

    init(_ body: String) throws {
        events = try GeminiFixtures.events(Array(body.utf8))
    }

    var chunks: [JSONValue] { events.filter { $0 != .string("[DONE]") } }
    var content: String { chunks.compactMap { $0["choices"]?.elements.first?["delta"]?["content"]?.stringValue }.joined() }
    var finishReasons: [String] { chunks.compactMap { $0["choices"]?.elements.first?["finish_reason"]?.stringValue } }
    /// Usage-only chunks (`choices: []`), as sent for `stream_options.include_usage`.
    var usageChunks: [JSONValue] { chunks.filter { $0["usage"] != nil && $0["usage"] != .null && $0["choices"]?.elements.isEmpty == true } }

    /// Tool calls put together from their deltas, by index: id, name, and the concatenated arguments.
    var toolCalls: [(id: String, name: String, arguments: String)] {
        var calls: [Int: (id: String, name: String, arguments: String)] = [:]
        for chunk in chunks {
            for call in chunk["choices"]?.elements.first?["delta"]?["tool_calls"]?.elements ?? [] {
                let index = call["index"]?.intValue ?? -1
                var built = calls[index] ?? ("", "", "")
                if let id = call["id"]?.stringValue { built.id += id }
                if let name = call["function"]?["name"]?.stringValue { built.name += name }
                if let arguments = call["function"]?["arguments"]?.stringValue { built.arguments += arguments }
                calls[index] = built
            }
        }
        return calls.sorted { $0.key < $1.key }.map(\.value)
    }
}
