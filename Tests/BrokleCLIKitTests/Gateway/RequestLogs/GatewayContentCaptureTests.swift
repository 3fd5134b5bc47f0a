@testable import BrokleCore
@testable import BrokleGateway
@testable import BrokleSettings
@testable import BrokleStorage
import Foundation
import Testing

/// Content capture through the whole gateway: what `trace_contents` holds for whole and streamed
/// answers in each wire format a client speaks (OpenAI chat, Anthropic messages, Responses), the
/// cap and its mark, nothing at all when content is off, and the scopes' precedence.
@Suite struct GatewayContentCaptureTests {
    static func catalog(port: Int) -> ProviderCatalog {
        ProviderCatalog(
            providers: [
                ProviderConfig(name: "echo", kind: .openai(.init(baseURL: "http://127.0.0.1:\(port)/v1", apiKey: "sk-x", timeout: 20))),
                ProviderConfig(name: "down", kind: .openai(.init(baseURL: "http://127.0.0.1:1/v1", apiKey: nil, timeout: 1))),
            ],
            models: [
                ModelRoute(name: "echoed", provider: "echo", upstreamModel: "echo"),
                ModelRoute(name: "broken", provider: "down", upstreamModel: "echo"),
                {
                    var route = ModelRoute(name: "cached", provider: "echo", upstreamModel: "echo")
                    route.cache = CachePolicy(mode: .exact)
                    return route
                }(),
            ])
    }

    static func run(
        _ kind: TestDatabase = .sqlite, content: ContentCapture, maxBytes: Int = 32_768,
        guardrails: GuardrailPolicy? = nil,
        _ body: @Sendable @escaping (GatewayHarness) async throws -> Void
    ) async throws {
        let upstream = EchoingUpstream(chunkBytes: 4)
        try await upstream.run { port in
            try await GatewayHarness.run(
                kind, catalog: Self.catalog(port: port),
                configure: { settings in
                    settings.requestLogs.content = content
                    settings.requestLogs.contentMaxBytes = maxBytes
                    settings.guardrails.defaultPolicy = guardrails
                }
            ) { harness in try await body(harness) }
        }
    }

    struct Stored {
        var mode: String
        var request: String
        var requestBytes: Int
        var response: String?
        var responseBytes: Int?
        var responseJSON: JSONValue? { response.flatMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) } }
    }

    /// The stored content of trace `id`, once the writer has flushed it.
    static func content(_ harness: GatewayHarness, _ id: String) async throws -> Stored? {
        _ = try await harness.traces()
        // Each pass flushes the writer (a stream's trace is queued when its relay ends, just after
        // the client has read it): until the row is there, within 20 s.
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            await harness.gateway.traceWriter.flush()
            if let row = try await harness.database.sql.raw(
                "SELECT mode, request, request_bytes, response, response_bytes FROM trace_contents WHERE trace_id = \(bind: id)"
            ).first() {
                return Stored(
                    mode: try row.decode(column: "mode", as: String.self), request: try row.decode(column: "request", as: String.self),
                    requestBytes: try row.decode(column: "request_bytes", as: Int.self),
                    response: try row.decode(column: "response", as: String?.self),
                    responseBytes: try row.decode(column: "response_bytes", as: Int?.self))
            }
        }
        return nil
    }

    static func chat(_ text: String, stream: Bool = false) -> String {
        #"{"model":"echoed","stream":\#(stream),"messages":[{"role":"user","content":"\#(text)"}]}"#
    }

    @Test func anOpenAIChatIsKeptWholeAndStreamed() async throws {
        try await Self.run(content: .full) { harness in
            let body = Self.chat("Where do turtles live?")
            let whole = try await harness.call("/v1/chat/completions", body: body, headers: ["x-brokle-request-id": "c-whole"])
            #expect(whole.status == 200)
            let kept = try #require(try await Self.content(harness, "c-whole"))
            #expect(kept.mode == "full" && kept.request == body && kept.requestBytes == body.utf8.count)
            #expect(kept.response == whole.body && kept.responseBytes == whole.body.utf8.count)

            let streamBody = Self.chat("Where do turtles live?", stream: true)
            let streamed = try await harness.call("/v1/chat/completions", body: streamBody, headers: ["x-brokle-request-id": "c-stream"])
            #expect(streamed.status == 200 && streamed.body.contains("data: [DONE]"))
            let stream = try #require(try await Self.content(harness, "c-stream"))
            #expect(stream.request == streamBody)
            let answer = try #require(stream.responseJSON)
            #expect(answer["object"] == .string("chat.completion"))
            let choice = answer["choices"]?.elements.first
            #expect(choice?["message"]?["content"] == .string("Noted: Where do turtles live?"))
            #expect(choice?["message"]?["role"] == .string("assistant") && choice?["finish_reason"] == .string("stop"))
            #expect(stream.response?.components(separatedBy: "turtles").count == 2, "one copy of the text")
        }
    }

    @Test func anAnthropicMessageIsKeptWholeAndStreamed() async throws {
        try await Self.run(content: .full) { harness in
            let body = #"{"model":"echoed","max_tokens":50,"messages":[{"role":"user","content":"Hello there"}]}"#
            let whole = try await harness.call("/v1/messages", body: body, headers: ["x-brokle-request-id": "a-whole"])
            #expect(whole.status == 200)
            let kept = try #require(try await Self.content(harness, "a-whole"))
            #expect(kept.request == body && kept.response == whole.body)
            #expect(kept.responseJSON?["content"]?.elements.first?["text"] == .string("Noted: Hello there"))

            let streamBody = body.replacingOccurrences(of: #""max_tokens""#, with: #""stream":true,"max_tokens""#)
            let streamed = try await harness.call("/v1/messages", body: streamBody, headers: ["x-brokle-request-id": "a-stream"])
            #expect(streamed.status == 200 && streamed.body.contains("message_stop"))
            let stream = try #require(try await Self.content(harness, "a-stream"))
            #expect(stream.request == streamBody)
            let answer = try #require(stream.responseJSON)
            #expect(answer["type"] == .string("message") && answer["role"] == .string("assistant"))
            #expect(answer["content"]?.elements.map { $0["text"] } == [.string("Noted: Hello there")])
            #expect(answer["stop_reason"] == .string("end_turn"))
        }
    }

    @Test func aResponsesAnswerIsKeptWholeAndStreamed() async throws {
        try await Self.run(content: .full) { harness in
            let body = #"{"model":"echoed","input":"Name a turtle","store":false}"#
            let whole = try await harness.call("/v1/responses", body: body, headers: ["x-brokle-request-id": "r-whole"])
            #expect(whole.status == 200, "\(whole.body)")
            let kept = try #require(try await Self.content(harness, "r-whole"))
            #expect(kept.request == body && kept.response == whole.body)

            let streamBody = #"{"model":"echoed","input":"Name a turtle","store":false,"stream":true}"#
            let streamed = try await harness.call("/v1/responses", body: streamBody, headers: ["x-brokle-request-id": "r-stream"])
            #expect(streamed.status == 200 && streamed.body.contains("response.completed"))
            let stream = try #require(try await Self.content(harness, "r-stream"))
            let answer = try #require(stream.responseJSON)
            #expect(answer["object"] == .string("response") && answer["status"] == .string("completed"))
            let message = answer["output"]?.elements.first { $0["type"] == .string("message") }
            #expect(message?["content"]?.elements.first?["text"] == .string("Noted: Name a turtle"))
        }
    }

    @Test func eachSideIsCappedAndTheCutIsMarked() async throws {
        let long = String(repeating: "turtle ", count: 100)
        try await Self.run(content: .full, maxBytes: 256) { harness in
            let body = Self.chat(long)
            _ = try await harness.call("/v1/chat/completions", body: body, headers: ["x-brokle-request-id": "cap-whole"])
            let kept = try #require(try await Self.content(harness, "cap-whole"))
            #expect(kept.request.utf8.count <= 256 && kept.requestBytes == body.utf8.count)
            #expect(body.hasPrefix(kept.request))
            #expect((kept.response?.utf8.count ?? 0) <= 256 && (kept.responseBytes ?? 0) > 700)

            _ = try await harness.call(
                "/v1/chat/completions", body: Self.chat(long, stream: true), headers: ["x-brokle-request-id": "cap-stream"])
            let stream = try #require(try await Self.content(harness, "cap-stream"))
            #expect((stream.response?.utf8.count ?? 0) <= 256)
            #expect((stream.responseBytes ?? 0) > long.utf8.count, "the length before the cut: \(stream.responseBytes ?? 0)")
        }
    }

    @Test func contentOffStoresNothing() async throws {
        try await Self.run(content: .off) { harness in
            _ = try await harness.call("/v1/chat/completions", body: Self.chat("hello"))
            _ = try await harness.call("/v1/chat/completions", body: Self.chat("hello", stream: true))
            _ = try await harness.traces(atLeast: 2)
            let count = try await harness.database.sql.raw("SELECT count(*) AS n FROM trace_contents").first()?.decode(
                column: "n", as: Int.self)
            #expect(count == 0)
        }
    }

    @Test func aCacheHitKeepsTheReplayedAnswer() async throws {
        try await Self.run(content: .full) { harness in
            let body = #"{"model":"cached","messages":[{"role":"user","content":"Same again"}]}"#
            let first = try await harness.call("/v1/chat/completions", body: body, headers: ["x-brokle-request-id": "hit-0"])
            #expect(first.status == 200)
            var hit = first
            for attempt in 1...50 where hit.headers["x-brokle-cache"]?.hasPrefix("hit") != true {
                hit = try await harness.call("/v1/chat/completions", body: body, headers: ["x-brokle-request-id": "hit-\(attempt)"])
            }
            #expect(hit.headers["x-brokle-cache"] == "hit-exact")
            let id = try #require(hit.headers["x-brokle-request-id"])
            let kept = try #require(try await Self.content(harness, id))
            #expect(kept.request == body && kept.response == hit.body)
        }
    }

    @Test func aFailureKeepsTheRequest() async throws {
        try await Self.run(content: .full) { harness in
            let body = #"{"model":"broken","messages":[{"role":"user","content":"hi"}]}"#
            let reply = try await harness.call("/v1/chat/completions", body: body, headers: ["x-brokle-request-id": "fail-1"])
            #expect(reply.status >= 500)
            let kept = try #require(try await Self.content(harness, "fail-1"))
            #expect(kept.request == body && kept.response == nil && kept.responseBytes == nil)
        }
    }
}
