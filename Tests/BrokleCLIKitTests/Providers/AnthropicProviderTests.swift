@testable import BrokleCore
@testable import BrokleProviders
import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// The adapter against a local server speaking the Anthropic Messages API.
@Suite struct AnthropicProviderTests {
    static func provider(port: Int, headers: [String: String] = [:]) -> AnthropicProvider {
        AnthropicProvider(
            name: "claude",
            settings: .init(baseURL: "http://127.0.0.1:\(port)/v1", apiKey: FakeAnthropic.key, headers: headers, timeout: 10),
            client: .shared
        )
    }

    static func request(_ model: String, stream: Bool = false, includeUsage: Bool = false, endpoint: Endpoint = .chatCompletions)
        -> UpstreamRequest
    {
        let body =
            #"{"model":"\#(model)","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}]\#(stream ? #","stream":true"# : "")}"#
        return UpstreamRequest(
            endpoint: endpoint, body: ByteBuffer(string: body), upstreamModel: model, stream: stream, includeUsage: includeUsage,
            requestID: "req_1")
    }

    @Test func aCallGoesToMessagesWithTheKeyAndVersionAndComesBackInOpenAIShape() async throws {
        let server = FakeAnthropic()
        try await server.run { port in
            let reply = try await Self.provider(port: port).send(Self.request("claude-sonnet-4-5"))
            guard case .complete(let status, let body, _) = reply else { Issue.record("expected a whole response"); return }
            #expect(status == 200)
            let json = try AnthropicFixtures.json(body.readableBytesView)
            #expect(json["object"] == .string("chat.completion"))
            #expect(
                json["choices"].flatMap { if case .array(let a) = $0 { a.first } else { nil } }?["finish_reason"] == .string("tool_calls"))
            #expect(json["usage"]?["prompt_tokens"] == .int(472))
            server.seen.withLock { seen in
                #expect(seen.paths == ["/v1/messages"])
                #expect(seen.methods == ["POST"])
                #expect(seen.headers.first?["x-api-key"] == FakeAnthropic.key)
                #expect(seen.headers.first?["anthropic-version"] == "2023-06-01")
                #expect(seen.headers.first?["content-type"] == "application/json")
                #expect(seen.headers.first?["authorization"] == nil)
                #expect(seen.bodies.first?["system"] == .string("Be brief."))
                #expect(seen.bodies.first?["max_tokens"] == .int(4096))
                #expect(seen.bodies.first?["model"] == .string("claude-sonnet-4-5"))
            }
        }
    }

    @Test func configuredHeadersOverrideAndAdd() async throws {
        let server = FakeAnthropic()
        try await server.run { port in
            let provider = Self.provider(
                port: port, headers: ["anthropic-version": "2024-01-01", "anthropic-beta": "prompt-caching-2024-07-31"])
            _ = try await provider.send(Self.request("claude"))
            server.seen.withLock { seen in
                #expect(seen.headers.first?["anthropic-version"] == "2024-01-01")
                #expect(seen.headers.first?["anthropic-beta"] == "prompt-caching-2024-07-31")
            }
        }
    }

    @Test func aStreamComesBackAsOpenAIChunks() async throws {
        let server = FakeAnthropic()
        try await server.run { port in
            let reply = try await Self.provider(port: port).send(Self.request("claude", stream: true, includeUsage: true))
            guard case .stream(let stream) = reply else { Issue.record("expected a stream"); return }
            var parser = SSEParser()
            var events: [String] = []
            for try await buffer in stream { events += try parser.feed(buffer) }
            let chunks = try AnthropicFixtures.payloads(events)
            guard case .array(let wanted) = try AnthropicFixtures.json("openai-stream-text.expected.json") else { return }
            // The created timestamp is the call's; everything else matches the transcript's translation.
            #expect(chunks.count == wanted.count)
            #expect(chunks.last == .string("[DONE]"))
            #expect(chunks.dropLast().allSatisfy { $0["object"] == .string("chat.completion.chunk") })
            #expect(chunks[chunks.count - 2]["usage"] == wanted[wanted.count - 2]["usage"])
            #expect(server.seen.withLock { $0.bodies.first?["stream"] } == .bool(true))
        }
    }

    @Test func aStreamThatBreaksOffThrows() async throws {
        let server = FakeAnthropic()
        try await server.run { port in
            let reply = try await Self.provider(port: port).send(Self.request("broken", stream: true))
            guard case .stream(let stream) = reply else { Issue.record("expected a stream"); return }
            await #expect(throws: GatewayError.self) {
                for try await _ in stream {}
            }
        }
    }

    @Test func providerErrorsComeBackInOpenAIShapeWithoutTheKey() async throws {
        let server = FakeAnthropic()
        try await server.run { port in
            for stream in [false, true] {
                let reply = try await Self.provider(port: port).send(Self.request("overloaded", stream: stream))
                guard case .complete(let status, let body, _) = reply else { Issue.record("expected a whole response"); return }
                #expect(status == 529)
                let json = try AnthropicFixtures.json(body.readableBytesView)
                #expect(json["error"]?["type"] == .string("overloaded_error"))
                #expect(json["error"]?["message"] == .string("Overloaded for key ***"))
            }
        }
    }

    @Test func otherEndpointsAndUnreadableBodiesAre400WithoutANetworkCall() async throws {
        // Port 1 refuses connections: reaching the network would be a 502, not a 400.
        let provider = Self.provider(port: 1)
        for endpoint in [Endpoint.embeddings, .completions] {
            await #expect(
                throws: GatewayError.invalidRequest(
                    "The endpoint '\(endpoint.rawValue)' is not supported by provider 'claude' (kind anthropic).")
            ) {
                _ = try await provider.send(Self.request("claude", endpoint: endpoint))
            }
        }
        let garbage = UpstreamRequest(
            endpoint: .chatCompletions, body: ByteBuffer(string: "{"), upstreamModel: "c", stream: false, includeUsage: false,
            requestID: "r")
        do {
            _ = try await provider.send(garbage)
            Issue.record("expected an error")
        } catch let error as GatewayError {
            #expect(error.status == 400)
        }
        #expect(provider.secrets == [FakeAnthropic.key])
    }
}
