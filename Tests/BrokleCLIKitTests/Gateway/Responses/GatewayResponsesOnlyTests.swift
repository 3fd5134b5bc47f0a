@testable import BrokleCore
import Foundation
import Testing

/// A provider that serves only OpenAI's Responses API (`api: responses`): chat completions and
/// Anthropic `/v1/messages` requests reach it as Responses requests at `/v1/responses`, and come
/// back in the client's format with exact usage.
@Suite struct GatewayResponsesOnlyTests {
    /// `only` (kind openai, responses-only) at the fake, serving `o3-pro` as `gpt-4.1`.
    static func withResponsesOnly(_ body: @Sendable (GatewayHarness, FakeResponsesUpstream) async throws -> Void) async throws {
        let upstream = FakeResponsesUpstream()
        try await upstream.run { port in
            var only = ProviderConfig.HTTPSettings(baseURL: "http://127.0.0.1:\(port)/v1", apiKey: "sk-only-secret", timeout: 10)
            only.setResponsesOnly(true)
            let base = GatewayHarness.catalog()
            let catalog = ProviderCatalog(
                providers: base.providers + [ProviderConfig(name: "only", kind: .openai(only))],
                models: base.models + [ModelRoute(name: "o3-pro", provider: "only", upstreamModel: "gpt-4.1")])
            try await GatewayHarness.run(catalog: catalog) { harness in try await body(harness, upstream) }
        }
    }

    static func expectExactUsage(_ harness: GatewayHarness, _ id: String) async throws {
        let trace = try await harness.trace(id)
        #expect(trace.status == "ok" && trace.provider == "only")
        #expect(trace.tokensIn == 31 && trace.tokensCached == 5 && trace.tokensOut == 12 && trace.tokensReasoning == 4)
    }

    @Test func aChatCompletionGoesAsAResponsesRequestAndComesBackAsAChatCompletion() async throws {
        try await Self.withResponsesOnly { harness, upstream in
            let body =
                #"{"model":"o3-pro","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Where do turtles live?"}],"max_completion_tokens":50}"#
            let reply = try await harness.call("/v1/chat/completions", body: body, headers: ["x-brokle-request-id": "req-only"])
            #expect(reply.status == 200, "\(reply.body)")
            let sent = try #require(upstream.bodies.withLock { $0.first })
            #expect(
                sent
                    == .object([
                        "model": .string("gpt-4.1"), "instructions": .string("Be brief."), "max_output_tokens": .int(50),
                        "store": .bool(false),
                        "input": .array([
                            .object([
                                "type": .string("message"), "role": .string("user"),
                                "content": .array([.object(["type": .string("input_text"), "text": .string("Where do turtles live?")])]),
                            ])
                        ]),
                    ]))
            let completion = try #require(reply.json)
            #expect(completion["object"] == .string("chat.completion") && completion["id"] == .string("resp_upstream_1"))
            let choice = completion["choices"]?.elements.first
            #expect(choice?["message"]?["content"] == .string("In a shell.") && choice?["finish_reason"] == .string("stop"))
            #expect(completion["usage"]?["prompt_tokens"] == .int(31) && completion["usage"]?["total_tokens"] == .int(43))
            try await Self.expectExactUsage(harness, "req-only")
        }
    }

    @Test func aStreamedChatCompletionComesBackAsChunks() async throws {
        try await Self.withResponsesOnly { harness, upstream in
            let reply = try await harness.call(
                "/v1/chat/completions", body: #"{"model":"o3-pro","messages":[{"role":"user","content":"Where?"}],"stream":true}"#,
                headers: ["x-brokle-request-id": "req-only-stream"])
            #expect(reply.status == 200, "\(reply.body)")
            let sent = try #require(upstream.bodies.withLock { $0.first })
            #expect(sent["stream"] == .bool(true) && sent["store"] == .bool(false) && sent["stream_options"] == nil)
            let payloads = reply.body.components(separatedBy: "\n\n").filter { !$0.isEmpty }.map { String($0.dropFirst(6)) }
            #expect(payloads.last == "[DONE]")
            let chunks = payloads.dropLast().compactMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }
            let text = chunks.compactMap { $0["choices"]?.elements.first?["delta"]?["content"]?.stringValue }.joined()
            #expect(text == "In a shell.")
            #expect(chunks.last?["choices"]?.elements.first?["finish_reason"] == .string("stop"))
            // The client did not ask for usage: the usage chunk the gateway asked for is not relayed.
            #expect(chunks.allSatisfy { $0["usage"] == nil })
            try await Self.expectExactUsage(harness, "req-only-stream")
        }
    }

    @Test func anAnthropicClientIsServedToo() async throws {
        try await Self.withResponsesOnly { harness, upstream in
            let body = #"{"model":"o3-pro","max_tokens":64,"system":"Be brief.","messages":[{"role":"user","content":"Where?"}]}"#
            let reply = try await harness.call(
                "/v1/messages", body: body, noAuth: true,
                headers: ["x-api-key": harness.key, "anthropic-version": "2023-06-01", "x-brokle-request-id": "req-only-messages"])
            #expect(reply.status == 200, "\(reply.body)")
            let sent = try #require(upstream.bodies.withLock { $0.first })
            #expect(sent["instructions"] == .string("Be brief.") && sent["max_output_tokens"] == .int(64))
            let message = try #require(reply.json)
            #expect(message["type"] == .string("message") && message["stop_reason"] == .string("end_turn"))
            #expect(message["content"]?.elements.first?["text"] == .string("In a shell."))
            try await Self.expectExactUsage(harness, "req-only-messages")
            let streamed = try await harness.call(
                "/v1/messages", body: body.replacingOccurrences(of: "\"max_tokens\"", with: "\"stream\":true,\"max_tokens\""),
                noAuth: true, headers: ["x-api-key": harness.key, "anthropic-version": "2023-06-01"])
            #expect(streamed.status == 200 && streamed.body.contains("event: message_stop"), "\(streamed.body)")
            #expect(streamed.body.contains(#""text":"shell.""#))
        }
    }

    @Test func aResponsesClientsBodyStillPassesThrough() async throws {
        try await Self.withResponsesOnly { harness, upstream in
            let reply = try await harness.call("/v1/responses", body: #"{"model":"o3-pro","input":"Where?","store":true}"#)
            #expect(reply.status == 200 && reply.body == FakeResponsesUpstream.whole, "\(reply.body)")
            #expect(
                upstream.bodies.withLock { $0 }
                    == [.object(["model": .string("gpt-4.1"), "input": .string("Where?"), "store": .bool(true)])])
        }
    }

    @Test func embeddingsAndFieldsWithNoEquivalentAreA400() async throws {
        try await Self.withResponsesOnly { harness, upstream in
            let embeddings = try await harness.call("/v1/embeddings", body: #"{"model":"o3-pro","input":"x"}"#)
            #expect(embeddings.status == 400 && embeddings.json?["error"]?["message"]?.stringValue?.contains("api: responses") == true)
            let stop = try await harness.call(
                "/v1/chat/completions", body: #"{"model":"o3-pro","messages":[{"role":"user","content":"x"}],"stop":["END"]}"#)
            #expect(stop.status == 400 && stop.json?["error"]?["param"] == .string("stop"), "\(stop.body)")
            #expect(upstream.bodies.withLock { $0.isEmpty })
        }
    }
}
