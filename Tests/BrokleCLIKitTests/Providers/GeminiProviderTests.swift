@testable import BrokleCore
@testable import BrokleProviders
import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@Suite struct GeminiProviderTests {
    static let chatBody = #"{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"Weather in Paris?"}],"max_tokens":50}"#
    static let streamBody =
        #"{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"Weather?"}],"stream":true,"stream_options":{"include_usage":true}}"#

    func provider(port: Int) -> GeminiProvider {
        GeminiProvider(
            name: "google",
            settings: .init(baseURL: "http://127.0.0.1:\(port)/v1beta/", apiKey: FakeGemini.apiKey, headers: ["x-extra": "1"], timeout: 10),
            client: .shared
        )
    }

    func request(
        _ endpoint: Endpoint = .chatCompletions, body: String = chatBody, model: String = "gemini-2.5-flash", stream: Bool = false,
        includeUsage: Bool = false
    ) -> UpstreamRequest {
        UpstreamRequest(
            endpoint: endpoint, body: ByteBuffer(string: body), upstreamModel: model, stream: stream, includeUsage: includeUsage,
            requestID: "req-1")
    }

    @Test func nonStreamingCallThroughALocalServer() async throws {
        let fake = FakeGemini()
        let reply = try await fake.run { port in try await provider(port: port).send(request(model: "models/gemini-2.5-flash")) }
        guard case .complete(let status, let body, _) = reply else { Issue.record("expected a whole answer"); return }
        #expect(status == 200)
        var expected = try GeminiFixtures.json("chat-response.openai.json")
        let answer = try GeminiFixtures.json(Data(buffer: body))
        if case .object(var fields) = expected { fields["created"] = answer["created"]; expected = .object(fields) }
        #expect(answer == expected)

        let call = try #require(fake.calls.withLock { $0.first })
        #expect(call.method == "POST")
        #expect(call.path == "/v1beta/models/gemini-2.5-flash:generateContent")
        #expect(call.query == nil)
        #expect(call.apiKey == FakeGemini.apiKey)
        #expect(call.authorization == nil)
        let sent = try GeminiFixtures.json(Data(call.body.utf8))
        #expect(
            sent["contents"]
                == .array([.object(["role": .string("user"), "parts": .array([.object(["text": .string("Weather in Paris?")])])])]))
        #expect(sent["generationConfig"] == .object(["maxOutputTokens": .int(50)]))
    }

    @Test func streamingCallThroughALocalServer() async throws {
        let fake = FakeGemini()
        let events = try await fake.run { port in
            let reply = try await provider(port: port).send(request(body: Self.streamBody, stream: true, includeUsage: true))
            guard case .stream(let stream) = reply else { throw GatewayError.invalidRequest("expected a stream") }
            var bytes: [UInt8] = []
            for try await buffer in stream { bytes += buffer.readableBytesView }
            return try GeminiFixtures.events(bytes)
        }
        let expected = try GeminiFixtures.events(GeminiFixtures.data("stream-tools.openai.sse"))
        #expect(events.count == expected.count)
        // `created` is the call's time; everything else is as recorded.
        #expect(
            events.map { $0 == .string("[DONE]") ? $0 : $0.removing("created") }
                == expected.map { $0 == .string("[DONE]") ? $0 : $0.removing("created") })
        let call = try #require(fake.calls.withLock { $0.first })
        #expect(call.path == "/v1beta/models/gemini-2.5-flash:streamGenerateContent")
        #expect(call.query == "alt=sse")
        #expect(call.apiKey == FakeGemini.apiKey)
    }

    @Test func upstreamErrorsArriveInOpenAIShape() async throws {
        let fake = FakeGemini()
        for stream in [false, true] {
            let reply = try await fake.run { port in try await provider(port: port).send(request(model: "fail-429", stream: stream)) }
            guard case .complete(let status, let body, _) = reply else { Issue.record("expected a whole answer"); return }
            #expect(status == 429)
            #expect(try GeminiFixtures.json(Data(buffer: body)) == GeminiFixtures.json("error-429.openai.json"))
        }
    }

    @Test func embeddingsThroughALocalServer() async throws {
        let fake = FakeGemini()
        let reply = try await fake.run { port in
            try await provider(port: port).send(
                request(.embeddings, body: #"{"model":"e","input":["a","b"]}"#, model: "text-embedding-004"))
        }
        guard case .complete(200, let body, _) = reply else { Issue.record("expected a 200 answer"); return }
        let list = try GeminiFixtures.json(Data(buffer: body))
        #expect(list["model"] == .string("text-embedding-004"))
        let call = try #require(fake.calls.withLock { $0.first })
        #expect(call.path == "/v1beta/models/text-embedding-004:batchEmbedContents")
        let sent = try GeminiFixtures.json(Data(call.body.utf8))
        #expect(
            sent["requests"]
                == .array(
                    ["a", "b"].map {
                        .object([
                            "model": .string("models/text-embedding-004"),
                            "content": .object(["parts": .array([.object(["text": .string($0)])])]),
                        ])
                    }))
    }

    /// Refused before any network call: the base URL points nowhere.
    @Test func unsupportedEndpointAndBadInputFailWithoutNetwork() async throws {
        let provider = provider(port: 1)
        await #expect(
            throws: GatewayError.invalidRequest("The endpoint 'completions' is not supported by provider 'google' (kind gemini).")
        ) {
            try await provider.send(request(.completions, body: #"{"model":"m","prompt":"hi"}"#))
        }
        for (body, model) in [("{", "gemini-2.5-flash"), (Self.chatBody, "../../v1/files"), (Self.chatBody, "gemini?key=x")] {
            do {
                _ = try await provider.send(request(body: body, model: model))
                Issue.record("expected a 400 for \(model)")
            } catch let error as GatewayError {
                #expect(error.status == 400)
            }
        }
        #expect(provider.secrets.contains(FakeGemini.apiKey))
    }
}

extension JSONValue {
    fileprivate func removing(_ key: String) -> JSONValue {
        guard case .object(var fields) = self else { return self }
        fields[key] = nil
        return .object(fields)
    }
}
