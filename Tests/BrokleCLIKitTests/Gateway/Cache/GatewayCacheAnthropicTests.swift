@testable import BrokleCore
import Foundation
import Testing

/// The cache in front of an Anthropic provider for an Anthropic client: the answer is stored in
/// Anthropic's own format (it passed through untranslated) and replays in it, whole or streamed.
@Suite struct GatewayCacheAnthropicTests {
    static func cached(_ catalog: inout ProviderCatalog) {
        var plain = ModelRoute(name: "claude-plain", provider: "anthropic", upstreamModel: "claude-sonnet-4-5-plain")
        plain.cache = CachePolicy(mode: .exact)
        catalog.models.append(plain)
        for index in catalog.models.indices where catalog.models[index].name == "claude-broken" {
            catalog.models[index].cache = CachePolicy(mode: .exact)
        }
    }

    static func request(_ model: String, stream: Bool) -> String {
        #"{"model":"\#(model)","max_tokens":256,"stream":\#(stream),"messages":[{"role":"user","content":"Say hi."}]}"#
    }

    /// The text of an Anthropic SSE stream, and whether it ran from message_start to message_stop.
    static func streamedText(_ body: String) -> (text: String, complete: Bool) {
        var text = ""
        for line in body.split(separator: "\n") where line.hasPrefix("data: ") {
            guard case .object(let event)? = try? JSONDecoder().decode(JSONValue.self, from: Data(line.dropFirst(6).utf8)),
                event["type"] == .string("content_block_delta"), case .string(let piece)? = event["delta"]?["text"]
            else { continue }
            text += piece
        }
        let starts = body.range(of: "event: message_start")?.lowerBound
        let stops = body.range(of: "event: message_stop")?.lowerBound
        return (text, starts != nil && stops != nil && starts! < stops!)
    }

    @Test func aStoredStreamReplaysAsAWholeAnthropicMessage() async throws {
        try await GatewayHarness.withProviderKinds(catalog: Self.cached) { harness, anthropic, _ in
            let streamed = try await GatewayMessagesEndpointTests.messages(harness, Self.request("claude-plain", stream: true), id: "a")
            #expect(Self.streamedText(streamed.body).text == "Hi there, friend.")
            _ = try await harness.traces(atLeast: 1)
            let whole = try await GatewayMessagesEndpointTests.messages(harness, Self.request("claude-plain", stream: false), id: "b")
            #expect(whole.headers["x-brokle-cache"] == "hit-exact", "\(whole.body.prefix(300))")
            #expect(
                whole.json?["content"] == (try JSONDecoder().decode(JSONValue.self, from: Data(FakeAnthropic.plainMessage.utf8)))["content"]
            )
            #expect(whole.json?["stop_reason"] == .string("end_turn") && whole.json?["usage"]?["output_tokens"] == .int(5))
            let replayed = try await GatewayMessagesEndpointTests.messages(harness, Self.request("claude-plain", stream: true), id: "c")
            #expect(replayed.headers["x-brokle-cache"] == "hit-exact" && replayed.body == streamed.body, "event for event")
            #expect(anthropic.seen.withLock { $0.bodies.count } == 1)
        }
    }

    @Test func aWholeAnswerReplaysAsAnAnthropicStream() async throws {
        try await GatewayHarness.withProviderKinds(catalog: Self.cached) { harness, anthropic, _ in
            let whole = try await GatewayMessagesEndpointTests.messages(harness, Self.request("claude-plain", stream: false), id: "a")
            #expect(whole.status == 200 && whole.headers["x-brokle-cache"] == "miss")
            guard case .array(let blocks)? = whole.json?["content"], case .string(let text)? = blocks.first?["text"] else {
                Issue.record("no text in \(whole.body)")
                return
            }
            let replayed = try await GatewayMessagesEndpointTests.messages(harness, Self.request("claude-plain", stream: true), id: "b")
            #expect(replayed.headers["x-brokle-cache"] == "hit-exact")
            let streamed = Self.streamedText(replayed.body)
            #expect(streamed.complete && streamed.text == text, "\(replayed.body.prefix(400))")
            #expect(anthropic.seen.withLock { $0.bodies.count } == 1, "the replay never reached the provider")
            let again = try await GatewayMessagesEndpointTests.messages(harness, Self.request("claude-plain", stream: false), id: "c")
            #expect(again.headers["x-brokle-cache"] == "hit-exact" && again.json == whole.json)
        }
    }

    @Test func aStreamThatStopsHalfwayIsNotStored() async throws {
        try await GatewayHarness.withProviderKinds(catalog: Self.cached) { harness, _, _ in
            _ = try await GatewayMessagesEndpointTests.messages(harness, Self.request("claude-broken", stream: true), id: "a")
            _ = try await harness.traces(atLeast: 1)
            let second = try await GatewayMessagesEndpointTests.messages(harness, Self.request("claude-broken", stream: true), id: "b")
            #expect(second.headers["x-brokle-cache"] == "miss")
            #expect(try await harness.cacheEntries() == 0)
        }
    }
}
