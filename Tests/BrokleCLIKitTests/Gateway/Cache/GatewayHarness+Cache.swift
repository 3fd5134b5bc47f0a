@testable import BrokleGateway
@testable import BrokleCore
import Foundation
import SQLKit

/// A catalog and helpers for the response-cache tests: the mock provider in echo mode (its answer
/// repeats the prompt, so a replayed answer shows which request it came from) behind models with
/// each cache policy, and a provider that always fails.
extension GatewayHarness {
    static func cacheCatalog(exact: CachePolicy = CachePolicy(mode: .exact), semantic: CachePolicy = CachePolicy(mode: .semantic))
        -> ProviderCatalog
    {
        var echo = ProviderConfig.MockSettings()
        echo.mode = .echo
        var broken = ProviderConfig.MockSettings()
        broken.errorRate = 1
        broken.errorStatus = 500
        var slow = echo
        slow.chunkInterval = 0.25
        var exactRoute = ModelRoute(name: "cached", provider: "echo", upstreamModel: "mock-chat")
        exactRoute.cache = exact
        var semanticRoute = ModelRoute(name: "near", provider: "echo", upstreamModel: "mock-chat")
        semanticRoute.cache = semantic
        var brokenRoute = ModelRoute(name: "broken", provider: "broken", upstreamModel: "mock-chat")
        brokenRoute.cache = exact
        var slowRoute = ModelRoute(name: "slow", provider: "slow", upstreamModel: "mock-chat")
        slowRoute.cache = exact
        var embedRoute = ModelRoute(name: "embed", provider: "echo", upstreamModel: "mock-embed")
        embedRoute.cache = exact
        return ProviderCatalog(
            providers: [
                ProviderConfig(name: "echo", kind: .mock(echo)), ProviderConfig(name: "broken", kind: .mock(broken)),
                ProviderConfig(name: "slow", kind: .mock(slow)),
            ],
            models: [
                exactRoute, semanticRoute, brokenRoute, slowRoute, embedRoute,
                ModelRoute(name: "plain", provider: "echo", upstreamModel: "mock-chat"),
            ])
    }

    /// A chat body asking `model` for `prompt`.
    static func chat(_ model: String, _ prompt: String, extra: String = "") -> String {
        #"{"model":"\#(model)","messages":[{"role":"user","content":"\#(prompt)"}]\#(extra)}"#
    }

    /// The cache columns of every trace, oldest first (after the trace writer has flushed `count`).
    func cacheTraces(atLeast count: Int) async throws -> [CacheTrace] {
        _ = try await traces(atLeast: count)
        return try await database.sql.raw(
            """
            SELECT cache_hit, cache_result, cache_similarity, saved_tokens_in, saved_tokens_out, saved_nanousd, cost_status,
            cost_nanousd, provider, tokens_in, tokens_out, status FROM traces ORDER BY started_at
            """
        ).all().map { row in
            CacheTrace(
                hit: try row.decode(column: "cache_hit", as: Bool.self), result: try row.decode(column: "cache_result", as: String?.self),
                similarity: try row.decode(column: "cache_similarity", as: Double?.self),
                savedIn: try row.decode(column: "saved_tokens_in", as: Int?.self),
                savedOut: try row.decode(column: "saved_tokens_out", as: Int?.self),
                savedNanoUSD: try row.decode(column: "saved_nanousd", as: Int64?.self),
                costStatus: try row.decode(column: "cost_status", as: String?.self),
                costNanoUSD: try row.decode(column: "cost_nanousd", as: Int64?.self),
                provider: try row.decode(column: "provider", as: String?.self), tokensIn: try row.decode(column: "tokens_in", as: Int.self),
                tokensOut: try row.decode(column: "tokens_out", as: Int.self), status: try row.decode(column: "status", as: String.self))
        }
    }

    /// Stored entries.
    func cacheEntries() async throws -> Int {
        await gateway.responseCache.flush()
        return try await database.sql.raw("SELECT count(*) AS n FROM cache_entries").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The content of an SSE chat stream's chunks, joined, and whether it ended with `[DONE]`.
    static func streamed(_ body: String) -> (text: String, done: Bool, finish: String?) {
        var text = ""
        var finish: String?
        for line in body.split(separator: "\n") where line.hasPrefix("data: ") && line != "data: [DONE]" {
            guard case .object(let chunk)? = try? JSONDecoder().decode(JSONValue.self, from: Data(line.dropFirst(6).utf8)),
                case .array(let choices)? = chunk["choices"], case .object(let choice)? = choices.first
            else { continue }
            if case .object(let delta)? = choice["delta"], case .string(let piece)? = delta["content"] { text += piece }
            if case .string(let reason)? = choice["finish_reason"] { finish = reason }
        }
        return (text, body.contains("data: [DONE]"), finish)
    }
}

struct CacheTrace: Equatable {
    var hit: Bool
    var result: String?
    var similarity: Double?
    var savedIn: Int?
    var savedOut: Int?
    var savedNanoUSD: Int64?
    var costStatus: String?
    var costNanoUSD: Int64?
    var provider: String?
    var tokensIn: Int
    var tokensOut: Int
    var status: String
}

extension GatewayHarness.Reply {
    /// The assistant's text of a chat completion.
    var content: String? {
        guard case .object(let answer)? = json, case .array(let choices)? = answer["choices"], case .object(let choice)? = choices.first,
            case .object(let message)? = choice["message"], case .string(let text)? = message["content"]
        else { return nil }
        return text
    }
}
