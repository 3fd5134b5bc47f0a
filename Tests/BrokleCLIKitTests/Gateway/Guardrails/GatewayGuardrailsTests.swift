@testable import BrokleCore
@testable import BrokleGateway
@testable import BrokleSettings
import Foundation
import Testing

/// Guardrails through the whole gateway: what the provider receives, what the client gets back
/// (whole and streamed, placeholders split across chunks), refusals, output checks, the header,
/// the trace and the metric.
@Suite struct GatewayGuardrailsTests {
    static let email = "jane.doe@example.com"

    static func catalog(port: Int, cache: Bool = false) -> ProviderCatalog {
        var route = ModelRoute(name: "guarded", provider: "echo", upstreamModel: "echo")
        if cache { route.cache = CachePolicy(mode: .exact) }
        return ProviderCatalog(
            providers: [
                ProviderConfig(name: "echo", kind: .openai(.init(baseURL: "http://127.0.0.1:\(port)/v1", apiKey: "sk-x", timeout: 20)))
            ],
            models: [route])
    }

    static func policy(_ json: String) throws -> GuardrailPolicy {
        try JSONDecoder().decode(GuardrailPolicy.self, from: Data(json.utf8))
    }

    static func chat(_ content: String, stream: Bool = false) -> String {
        let quoted = String(decoding: JSONScanner.encodeString(content), as: UTF8.self)
        return #"{"model":"guarded","stream":\#(stream),"messages":[{"role":"user","content":\#(quoted)}]}"#
    }

    /// A chat completion's first message content.
    static func content(_ json: JSONValue) -> JSONValue? {
        guard case .array(let choices)? = json["choices"], let first = choices.first else { return nil }
        return first["message"]?["content"]
    }

    /// An Anthropic message's first text block.
    static func anthropicText(_ json: JSONValue) -> JSONValue? {
        guard case .array(let blocks)? = json["content"], let first = blocks.first else { return nil }
        return first["text"]
    }

    /// The text of a chat stream, its deltas joined.
    static func streamedText(_ body: String) -> String {
        body.components(separatedBy: "\n").compactMap { line -> String? in
            guard line.hasPrefix("data: {"), let json = try? JSONDecoder().decode(JSONValue.self, from: Data(line.dropFirst(6).utf8)),
                case .array(let choices)? = json["choices"], case .object(let choice)? = choices.first,
                case .string(let content)? = choice["delta"]?["content"]
            else { return nil }
            return content
        }.joined()
    }

    func run(
        _ policy: String, chunkBytes: Int = 3, cache: Bool = false,
        _ body: @Sendable @escaping (GatewayHarness, EchoingUpstream) async throws -> Void
    ) async throws {
        let upstream = EchoingUpstream(chunkBytes: chunkBytes)
        let policy = try Self.policy(policy)
        try await upstream.run { port in
            try await GatewayHarness.run(
                catalog: Self.catalog(port: port, cache: cache), configure: { $0.guardrails.defaultPolicy = policy }
            ) {
                harness in try await body(harness, upstream)
            }
        }
    }

    @Test func maskedValuesNeverReachTheProviderAndComeBackRestored() async throws {
        try await run(#"{"input":{"email":"mask"},"restore":true}"#) { harness, upstream in
            let reply = try await harness.call(
                "/v1/chat/completions", body: Self.chat("Write to \(Self.email), cc \(Self.email)"), headers: ["x-brokle-request-id": "g-1"]
            )
            #expect(reply.status == 200)
            let sent = try #require(upstream.bodies.first)
            #expect(!sent.contains(Self.email))
            #expect(sent.contains("Write to [EMAIL_1], cc [EMAIL_1]"), "the same value gets the same placeholder")
            let content = reply.json.map(Self.content)
            #expect(content == .string("Noted: Write to \(Self.email), cc \(Self.email)"))
            #expect(reply.headers["x-brokle-guardrails"] == "input.email.mask=2", "each value met is counted")
            let stored = try await harness.traces()
            #expect(stored.count == 1)
            let row = try await harness.database.sql.raw("SELECT guardrails FROM traces WHERE id = 'g-1'").first()
            let guardrails = try row?.decode(column: "guardrails", as: String?.self)
            #expect(guardrails == #"[{"direction":"input","entity":"email","action":"mask","count":2}]"#)
            let metrics = try await harness.call("/metrics", method: "GET", noAuth: true).body
            #expect(metrics.contains(#"brokle_guardrail_findings_total{entity="email",action="mask",direction="input"} 2"#))
        }
    }

    @Test(arguments: [1, 2, 3, 5])
    func aStreamRestoresPlaceholdersSplitAcrossChunks(chunkBytes: Int) async throws {
        try await run(#"{"input":{"email":"mask"},"restore":true}"#, chunkBytes: chunkBytes) { harness, upstream in
            let reply = try await harness.call("/v1/chat/completions", body: Self.chat("Mail \(Self.email) today", stream: true))
            #expect(reply.status == 200)
            #expect(upstream.bodies.allSatisfy { !$0.contains(Self.email) })
            #expect(Self.streamedText(reply.body) == "Noted: Mail \(Self.email) today")
            #expect(!reply.body.contains("[EMAIL_"))
            #expect(reply.body.hasSuffix("data: [DONE]\n\n"))
        }
    }

    @Test func withoutRestoreTheClientSeesThePlaceholders() async throws {
        try await run(#"{"input":{"email":"mask"}}"#) { harness, _ in
            let reply = try await harness.call("/v1/chat/completions", body: Self.chat("Mail \(Self.email)"))
            #expect(reply.json.map(Self.content) == .string("Noted: Mail [EMAIL_1]"))
        }
    }

    @Test func aBlockedValueIsA400NamingTheEntityNeverTheValue() async throws {
        try await run(#"{"input":{"email":"block"}}"#) { harness, upstream in
            let reply = try await harness.call(
                "/v1/chat/completions", body: Self.chat("I am \(Self.email)"), headers: ["x-brokle-request-id": "g-block"])
            #expect(reply.status == 400)
            #expect(reply.json?["error"]?["code"] == .string("content_policy_violation"))
            #expect(reply.json?["error"]?["type"] == .string("invalid_request_error"))
            #expect(reply.body.contains("email"))
            #expect(!reply.body.contains(Self.email))
            #expect(reply.headers["x-brokle-guardrails"] == "input.email.block=1")
            #expect(upstream.bodies.isEmpty, "nothing left the gateway")
            let traces = try await harness.traces()
            #expect(traces.first?["error_type"] != .null)
            let row = try await harness.database.sql.raw("SELECT error_message, guardrails FROM traces WHERE id = 'g-block'").first()
            let message = try row?.decode(column: "error_message", as: String?.self) ?? ""
            #expect(!message.contains(Self.email))
            #expect(try row?.decode(column: "guardrails", as: String?.self)?.contains(#""action":"block""#) == true)

            let anthropic = try await harness.call(
                "/v1/messages",
                body: #"{"model":"guarded","max_tokens":50,"messages":[{"role":"user","content":"I am \#(Self.email)"}]}"#)
            #expect(anthropic.status == 400)
            #expect(anthropic.json?["type"] == .string("error"))
            #expect(anthropic.json?["error"]?["type"] == .string("invalid_request_error"))
            #expect(!anthropic.body.contains(Self.email))
        }
    }

    @Test func outputRulesMaskWhatTheModelProducedWholeAndStreamed() async throws {
        try await run(#"{"output":{"default":"mask"}}"#, chunkBytes: 4) { harness, _ in
            let whole = try await harness.call("/v1/chat/completions", body: Self.chat("leak please"))
            let text = whole.json.map(Self.content)
            #expect(text == .string("Noted: leak please Reach me at [EMAIL_1]"))
            #expect(whole.headers["x-brokle-guardrails"] == "output.email.mask=1")

            let streamed = try await harness.call("/v1/chat/completions", body: Self.chat("leak please", stream: true))
            #expect(Self.streamedText(streamed.body) == "Noted: leak please Reach me at [EMAIL_1]")
            #expect(!streamed.body.contains(EchoingUpstream.leaked))
            _ = try await harness.traces(atLeast: 2)
            let rows = try await harness.database.sql.raw("SELECT guardrails FROM traces WHERE stream = true").all()
            #expect(try rows.first?.decode(column: "guardrails", as: String?.self)?.contains(#""direction":"output""#) == true)
        }
    }

    @Test func anAnthropicClientGetsItsValuesBackToo() async throws {
        try await run(#"{"input":{"email":"mask"},"restore":true}"#) { harness, upstream in
            let body = #"{"model":"guarded","max_tokens":50,"messages":[{"role":"user","content":"I am \#(Self.email)"}]}"#
            let reply = try await harness.call("/v1/messages", body: body)
            #expect(reply.status == 200)
            #expect(upstream.bodies.allSatisfy { !$0.contains(Self.email) })
            #expect(reply.json.map(Self.anthropicText) == .string("Noted: I am \(Self.email)"))

            let streamed = try await harness.call(
                "/v1/messages", body: body.replacingOccurrences(of: #""max_tokens""#, with: #""stream":true,"max_tokens""#))
            let text = streamed.body.components(separatedBy: "\n").compactMap { line -> String? in
                guard line.hasPrefix("data: {"), let json = try? JSONDecoder().decode(JSONValue.self, from: Data(line.dropFirst(6).utf8)),
                    case .string(let text)? = json["delta"]?["text"]
                else { return nil }
                return text
            }.joined()
            #expect(text == "Noted: I am \(Self.email)")
        }
    }

    @Test func everyEndpointThatCarriesTextIsScreened() async throws {
        try await run(#"{"input":{"email":"mask"},"restore":true}"#) { harness, upstream in
            let responses = try await harness.call(
                "/v1/responses", body: #"{"model":"guarded","store":false,"input":"I am \#(Self.email)"}"#)
            #expect(responses.status == 200)
            #expect(responses.body.contains("Noted: I am \(Self.email)"))
            let embeddings = try await harness.call("/v1/embeddings", body: #"{"model":"guarded","input":["I am \#(Self.email)"]}"#)
            #expect(embeddings.status == 200)
            #expect(embeddings.headers["x-brokle-guardrails"] == "input.email.mask=1")
            #expect(upstream.bodies.count >= 2)
            #expect(upstream.bodies.allSatisfy { !$0.contains(Self.email) }, "\(upstream.bodies)")
            #expect(upstream.bodies.contains { $0.contains(#"["I am [EMAIL_1]"]"#) })
        }
    }

    @Test func theCacheKeyIsTheMaskedRequest() async throws {
        try await run(#"{"input":{"email":"mask"},"restore":true}"#, cache: true) { harness, upstream in
            let first = try await harness.call("/v1/chat/completions", body: Self.chat("I am a@one.example"))
            #expect(first.headers["x-brokle-cache"] == "miss")
            // Another user's value masks to the same text: the same entry, restored with their value.
            let second = try await harness.call("/v1/chat/completions", body: Self.chat("I am b@two.example"))
            #expect(second.headers["x-brokle-cache"] == "hit-exact")
            #expect(second.json.map(Self.content) == .string("Noted: I am b@two.example"))
            #expect(upstream.bodies.count == 1)
        }
    }

    /// A string the screen cannot decode is not let through unscreened.
    @Test func aStringThatCannotBeReadIsRefusedNotPassedOn() async throws {
        try await run(#"{"input":{"email":"mask"}}"#) { harness, upstream in
            let reply = try await harness.call(
                "/v1/chat/completions", body: #"{"model":"guarded","messages":[{"role":"user","content":"\#(Self.email) \uZZZZ"}]}"#)
            #expect(reply.status == 400)
            #expect(!reply.body.contains(Self.email))
            #expect(upstream.bodies.isEmpty)
        }
    }

    @Test func requestsWithoutAPolicyAreUntouched() async throws {
        let upstream = EchoingUpstream()
        try await upstream.run { port in
            try await GatewayHarness.run(catalog: Self.catalog(port: port)) { harness in
                let reply = try await harness.call("/v1/chat/completions", body: Self.chat("I am \(Self.email)"))
                #expect(reply.headers["x-brokle-guardrails"] == nil)
                #expect(upstream.bodies.first?.contains(Self.email) == true)
            }
        }
    }
}
