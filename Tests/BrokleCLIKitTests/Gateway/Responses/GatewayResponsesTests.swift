@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import Testing

/// `/v1/responses` in front of a provider that speaks the Responses API (a pass-through: the body
/// goes as the client wrote it, `model` rewritten, and the answer comes back as it was sent) and
/// the mock (translated), with the conversation state Brokle keeps: retrievable, deletable, scoped
/// to the key's environment, and resolved for whichever provider serves the next turn.
@Suite struct GatewayResponsesTests {
    /// The mock, and `native` (kind openai, `responses_api: true`) at the fake: `gpt-native` on
    /// the fake alone, `mixed` over the mock then the fake.
    static func withNative(_ body: @Sendable (GatewayHarness, FakeResponsesUpstream) async throws -> Void) async throws {
        let upstream = FakeResponsesUpstream()
        try await upstream.run { port in
            var native = ProviderConfig.HTTPSettings(baseURL: "http://127.0.0.1:\(port)/v1", apiKey: "sk-native-secret", timeout: 10)
            native.speaksResponses = true
            var catalog = GatewayHarness.catalog()
            catalog = ProviderCatalog(
                providers: catalog.providers + [ProviderConfig(name: "native", kind: .openai(native))],
                models: catalog.models + [
                    ModelRoute(name: "gpt-native", provider: "native", upstreamModel: "gpt-4.1"),
                    ModelRoute(
                        name: "mixed",
                        targets: [RouteTarget(provider: "mock", model: "mock-chat"), RouteTarget(provider: "native", model: "gpt-4.1")]),
                ])
            try await GatewayHarness.run(catalog: catalog) { harness in try await body(harness, upstream) }
        }
    }

    static func create(_ harness: GatewayHarness, _ body: String, key: String? = nil, id: String = "req-responses") async throws
        -> GatewayHarness.Reply
    {
        try await harness.call("/v1/responses", body: body, key: key, headers: ["x-brokle-request-id": id])
    }

    @Test func aPassThroughKeepsTheBodyTheAnswerAndItsUsage() async throws {
        try await Self.withNative { harness, upstream in
            let body =
                #"{"model":"gpt-native","input":"Where do turtles live?","future_param":{"x":[1,2.5,"ü"]},"reasoning":{"effort":"low"},"include":["reasoning.encrypted_content"]}"#
            let reply = try await Self.create(harness, body)
            #expect(reply.status == 200, "\(reply.body)")
            #expect(reply.body == FakeResponsesUpstream.whole)
            guard case .object(var expected) = try JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)) else { return }
            expected["model"] = .string("gpt-4.1")
            #expect(upstream.bodies.withLock { $0 } == [.object(expected)])
            let trace = try await harness.trace("req-responses")
            #expect(trace.status == "ok" && trace.provider == "native")
            #expect(trace.tokensIn == 31 && trace.tokensCached == 5 && trace.tokensOut == 12 && trace.tokensReasoning == 4)
            let endpoint = try await harness.database.sql.raw("SELECT endpoint FROM traces WHERE id = 'req-responses'").first()?
                .decode(column: "endpoint", as: String.self)
            #expect(endpoint == "responses")
            let stored = try await harness.call("/v1/responses/resp_upstream_1", method: "GET")
            #expect(stored.status == 200 && stored.body == FakeResponsesUpstream.whole)
        }
    }

    @Test func aPassThroughStreamComesBackEventForEvent() async throws {
        try await Self.withNative { harness, _ in
            let reply = try await Self.create(harness, #"{"model":"gpt-native","input":"Where?","stream":true}"#)
            #expect(reply.status == 200 && reply.body == FakeResponsesUpstream.events, "\(reply.body)")
            let trace = try await harness.trace("req-responses")
            #expect(trace.stream && trace.tokensIn == 31 && trace.tokensOut == 12)
            let stored = try await harness.call("/v1/responses/resp_upstream_2", method: "GET")
            #expect(stored.status == 200 && stored.json?["status"] == .string("completed"))
        }
    }

    /// A conversation begun on the mock (translated) goes on at a provider that speaks the
    /// Responses API: Brokle sends it the whole conversation, not an id it never saw.
    @Test func theNextTurnCarriesTheWholeConversationToAnotherProvider() async throws {
        try await Self.withNative { harness, upstream in
            let first = try await Self.create(harness, #"{"model":"mock-chat","input":"my name is Ada"}"#)
            let id = try #require(first.json?["id"]?.stringValue, "\(first.body)")
            #expect(id.hasPrefix("resp_"))
            let answer = try #require(first.json?["output"]?.elements.last)
            let second = try await Self.create(harness, #"{"model":"gpt-native","previous_response_id":"\#(id)","input":"my name?"}"#)
            #expect(second.status == 200, "\(second.body)")
            let sent = try #require(upstream.bodies.withLock { $0.first })
            #expect(sent["previous_response_id"] == nil)
            let input = sent["input"]?.elements ?? []
            #expect(input.count == 3)
            #expect(input.first?["content"]?.elements.first?["text"] == .string("my name is Ada"))
            #expect(input.dropFirst().first == answer)
            #expect(input.last?["content"]?.elements.first?["text"] == .string("my name?"))
            let items = try await harness.call("/v1/responses/resp_upstream_1/input_items?order=asc", method: "GET")
            #expect(items.json?["data"]?.elements.count == 1 && items.json?["has_more"] == .bool(false), "\(items.body)")
        }
    }

    @Test func storedResponsesBelongToTheirEnvironment() async throws {
        try await Self.withNative { harness, _ in
            let environment = try await EnvironmentStore(harness.database).create(
                org: "acme", project: "web", slug: "staging", ifNotExists: false, by: .test
            ).0
            let (_, other) = try await KeyStore(harness.database).create(
                in: environment, name: "staging", expiresAt: nil, models: nil, by: .test)
            let first = try await Self.create(harness, #"{"model":"mock-chat","input":"hello"}"#)
            let id = try #require(first.json?["id"]?.stringValue)
            #expect(try await harness.call("/v1/responses/\(id)", method: "GET").status == 200)
            let elsewhere = try await harness.call("/v1/responses/\(id)", method: "GET", key: other.text)
            #expect(elsewhere.status == 404 && elsewhere.json?["error"]?["message"] == .string("Response with id '\(id)' not found."))
            let continued = try await Self.create(
                harness, #"{"model":"mock-chat","previous_response_id":"\#(id)","input":"again"}"#, key: other.text)
            #expect(continued.status == 404 && continued.json?["error"]?["param"] == .string("previous_response_id"))
            #expect(try await harness.call("/v1/responses/\(id)", method: "DELETE", key: other.text).status == 404)
            let deleted = try await harness.call("/v1/responses/\(id)", method: "DELETE")
            #expect(deleted.status == 200 && deleted.json?["deleted"] == .bool(true))
            #expect(try await harness.call("/v1/responses/\(id)", method: "GET").status == 404)
        }
    }

    @Test func storeFalseKeepsNothing() async throws {
        try await Self.withNative { harness, _ in
            let reply = try await Self.create(harness, #"{"model":"mock-chat","input":"forget me","store":false}"#)
            let id = try #require(reply.json?["id"]?.stringValue)
            #expect(try await harness.call("/v1/responses/\(id)", method: "GET").status == 404)
        }
    }

    /// A hosted tool chat completions cannot carry: served by the route's target that speaks the
    /// Responses API, and a 400 naming it where no target does — never dropped.
    @Test func aHostedToolGoesOnlyWhereItCanBeServed() async throws {
        try await Self.withNative { harness, upstream in
            let body = #"{"model":"mixed","input":"news?","tools":[{"type":"web_search"}]}"#
            let served = try await Self.create(harness, body)
            #expect(served.status == 200 && served.headers["x-brokle-provider"] == "native", "\(served.body)")
            #expect(upstream.bodies.withLock { $0.first?["tools"]?.elements.first?["type"] } == .string("web_search"))
            // A route whose every target speaks the Responses API is never translated at all.
            let native = try await Self.create(
                harness,
                body.replacingOccurrences(of: "mixed", with: "gpt-native").replacingOccurrences(
                    of: #""input":"news?""#, with: #""input":[{"type":"item_reference","id":"msg_1"}]"#))
            #expect(native.status == 200, "\(native.body)")
            #expect(upstream.bodies.withLock { $0.last?["input"]?.elements.first?["type"] } == .string("item_reference"))
            let refused = try await Self.create(harness, body.replacingOccurrences(of: "mixed", with: "mock-chat"))
            #expect(refused.status == 400 && refused.json?["error"]?["message"]?.stringValue?.contains("web_search") == true)
        }
    }
}
