@testable import BrokleCore
import Foundation
import Testing

/// Hostile input from either side: a client's body nested 10,000 or 1,000,000 levels deep on
/// every inbound endpoint, and a provider answering with JSON nested as deep, an endless stream
/// line or an endless body. Each is answered with an error and the gateway keeps serving (it runs
/// in this test process: a crash would end the whole run).
@Suite struct GatewayInputBoundsTests {
    static func nested(_ levels: Int) -> String { String(repeating: "[", count: levels) + String(repeating: "]", count: levels) }
    static let message = "The request body's JSON nests deeper than 128 levels."

    static func expectTooDeep(_ reply: GatewayHarness.Reply, anthropic: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(reply.status == 400, "\(reply.body.prefix(300))", sourceLocation: sourceLocation)
        if anthropic {
            #expect(reply.json?["type"] == .string("error"), sourceLocation: sourceLocation)
        }
        #expect(reply.json?["error"]?["type"] == .string("invalid_request_error"), "\(reply.body)", sourceLocation: sourceLocation)
        #expect(reply.json?["error"]?["message"] == .string(message), "\(reply.body)", sourceLocation: sourceLocation)
    }

    @Test(arguments: [10_000, 1_000_000])
    func deeplyNestedBodiesAreA400OnEveryEndpoint(levels: Int) async throws {
        try await GatewayHarness.run { gateway in
            let nested = Self.nested(levels)
            Self.expectTooDeep(try await gateway.call("/v1/chat/completions", body: #"{"model":"mock-chat","messages":\#(nested)}"#))
            Self.expectTooDeep(try await gateway.call("/v1/completions", body: #"{"model":"mock-chat","prompt":\#(nested)}"#))
            Self.expectTooDeep(try await gateway.call("/v1/embeddings", body: #"{"model":"mock-embed","input":\#(nested)}"#))
            let messages = try await GatewayMessagesEndpointTests.messages(
                gateway, #"{"model":"mock-chat","max_tokens":16,"messages":\#(nested)}"#)
            Self.expectTooDeep(messages, anthropic: true)
            // Unclosed brackets and objects nest as deep as closed arrays.
            let objects = String(repeating: #"{"a":"#, count: levels)
            Self.expectTooDeep(try await gateway.call("/v1/chat/completions", body: #"{"model":"mock-chat","messages":[],"x":\#(objects)"#))

            #expect(try await gateway.call("/v1/chat/completions", body: GatewayChatTests.chat).status == 200, "still serving")
            let traces = try await gateway.traces(atLeast: 6)
            #expect(traces.filter { $0["status"] == .string("error") }.count == 5)
        }
    }

    @Test func nestingUpToTheLimitIsServed() async throws {
        try await GatewayHarness.run { gateway in
            // The body object is level 1, so 127 more levels make 128.
            let chat = #"{"model":"mock-chat","messages":[{"role":"user","content":"hi"}],"x":"#
            #expect(try await gateway.call("/v1/chat/completions", body: chat + Self.nested(127) + "}").status == 200)
            Self.expectTooDeep(try await gateway.call("/v1/chat/completions", body: chat + Self.nested(128) + "}"))
            let messages = #"{"model":"mock-chat","max_tokens":16,"messages":[{"role":"user","content":"hi"}],"x":"#
            #expect(try await GatewayMessagesEndpointTests.messages(gateway, messages + Self.nested(127) + "}").status == 200)
            Self.expectTooDeep(try await GatewayMessagesEndpointTests.messages(gateway, messages + Self.nested(128) + "}"), anthropic: true)
        }
    }

    // MARK: - Hostile upstreams

    static func catalog(port: Int) -> ProviderCatalog {
        var catalog = GatewayHarness.catalog()
        catalog.providers.append(
            ProviderConfig(name: "hostile", kind: .openai(.init(baseURL: "http://127.0.0.1:\(port)/v1", apiKey: nil, timeout: 20))))
        catalog.providers.append(
            ProviderConfig(
                name: "hostile-claude", kind: .anthropic(.init(baseURL: "http://127.0.0.1:\(port)/v1", apiKey: "k", timeout: 20))))
        catalog.providers.append(
            ProviderConfig(
                name: "hostile-gemini", kind: .gemini(.init(baseURL: "http://127.0.0.1:\(port)/v1beta", apiKey: "k", timeout: 20))))
        return catalog
    }

    static func withHostileUpstream(_ body: @Sendable (GatewayHarness, HostileUpstream) async throws -> Void) async throws {
        let upstream = HostileUpstream()
        try await upstream.run { port in
            try await GatewayHarness.run(catalog: catalog(port: port)) { gateway in
                try await body(gateway, upstream)
                #expect(try await gateway.call("/v1/chat/completions", body: GatewayChatTests.chat).status == 200, "still serving")
            }
        }
    }

    static func chat(_ model: String, stream: Bool = false) -> String {
        #"{"model":"\#(model)","stream":\#(stream),"messages":[{"role":"user","content":"hi"}]}"#
    }

    static func expectBadResponse(_ reply: GatewayHarness.Reply, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(reply.status == 502, "\(reply.body.prefix(300))", sourceLocation: sourceLocation)
        #expect(
            reply.json?["error"]?["code"] == .string("upstream_bad_response"), "\(reply.body.prefix(300))", sourceLocation: sourceLocation)
    }

    @Test func anAnswerNestedTooDeepIsABadResponse() async throws {
        try await Self.withHostileUpstream { gateway, _ in
            Self.expectBadResponse(try await gateway.call("/v1/chat/completions", body: Self.chat("hostile/deep-json")))
            Self.expectBadResponse(try await gateway.call("/v1/chat/completions", body: Self.chat("hostile-claude/deep-json")))
            // The Gemini adapter's established code for an answer it cannot read.
            let gemini = try await gateway.call("/v1/chat/completions", body: Self.chat("hostile-gemini/deep-json"))
            #expect(gemini.status == 502 && gemini.json?["error"]?["code"] == .string("upstream_invalid_response"), "\(gemini.body)")
            let messages = try await GatewayMessagesEndpointTests.messages(
                gateway, #"{"model":"hostile/deep-json","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}"#)
            #expect(messages.status == 502)
            #expect(
                messages.json?["type"] == .string("error") && messages.json?["error"]?["type"] == .string("api_error"), "\(messages.body)")

            // An error answer nested too deep keeps its status, with the gateway's own message.
            let error = try await gateway.call("/v1/chat/completions", body: Self.chat("hostile/deep-error"))
            #expect(error.status == 500)
            #expect(error.json?["error"]?["message"] == .string("The provider 'hostile' answered with status 500."))
            #expect(try await gateway.call("/v1/chat/completions", body: Self.chat("hostile-claude/deep-error")).status == 500)
            #expect(try await gateway.call("/v1/chat/completions", body: Self.chat("hostile-gemini/deep-error")).status == 500)
        }
    }

    @Test func aStreamEventNestedTooDeepEndsTheStreamWithABadResponse() async throws {
        try await Self.withHostileUpstream { gateway, _ in
            for model in ["hostile/deep-event", "hostile-claude/deep-event"] {
                let reply = try await gateway.call("/v1/chat/completions", body: Self.chat(model, stream: true))
                #expect(reply.status == 200)
                #expect(reply.body.contains(#""code":"upstream_bad_response""#), "\(model): \(reply.body.prefix(300))")
            }
            // Gemini's adapter reports an unreadable event in-band with its own code.
            let gemini = try await gateway.call("/v1/chat/completions", body: Self.chat("hostile-gemini/deep-event", stream: true))
            #expect(gemini.body.contains(#""code":"upstream_invalid_response""#), "\(gemini.body.prefix(300))")
            let messages = try await GatewayMessagesEndpointTests.messages(
                gateway, #"{"model":"hostile/deep-event","stream":true,"max_tokens":16,"messages":[{"role":"user","content":"hi"}]}"#
            )
            #expect(messages.body.contains("event: error"), "\(messages.body.prefix(300))")
        }
    }

    /// An Anthropic answer passed through untranslated (an Anthropic client, an Anthropic provider)
    /// is still read, so it is bounded like a translated one: a message nested too deep is a 502, a
    /// stream event nested too deep ends the stream with an `error` event after what came before.
    @Test func aPassedThroughAnthropicAnswerNestedTooDeepIsABadResponse() async throws {
        try await Self.withHostileUpstream { gateway, _ in
            let whole = try await GatewayMessagesEndpointTests.messages(
                gateway, #"{"model":"hostile-claude/deep-json","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}"#
            )
            #expect(whole.status == 502)
            #expect(whole.json?["type"] == .string("error") && whole.json?["error"]?["type"] == .string("api_error"), "\(whole.body)")
            let stream = try await GatewayMessagesEndpointTests.messages(
                gateway, #"{"model":"hostile-claude/deep-event","stream":true,"max_tokens":16,"messages":[{"role":"user","content":"hi"}]}"#
            )
            let events = try AnthropicFixtures.namedEvents(stream.body)
            #expect(events.map(\.name) == ["message_start", "error"], "\(stream.body.prefix(300))")
        }
    }

    /// An endless line is cut at the 1 MiB event cap: the client's stream ends with the error, and
    /// the gateway hangs up on the upstream at once instead of holding its connection open. (The
    /// upstream gets about 1 MiB out before that; the bound leaves room for a loaded machine.)
    @Test func anEndlessStreamLineEndsTheStreamWithABadResponse() async throws {
        try await Self.withHostileUpstream { gateway, upstream in
            for model in ["hostile/endless-line", "hostile-claude/endless-line", "hostile-gemini/endless-line"] {
                upstream.cutOffAfter.withLock { $0 = nil }
                let reply = try await gateway.call("/v1/chat/completions", body: Self.chat(model, stream: true))
                #expect(reply.status == 200)
                #expect(reply.body.contains(#""code":"upstream_bad_response""#), "\(model): \(reply.body.prefix(300))")
                #expect(reply.body.utf8.count < 4096, "the long line never reaches the client")
                let cutOff = try await Self.poll { upstream.cutOffAfter.withLock { $0 } }
                #expect(cutOff.map { $0 < 16 << 20 } == true, "\(model): the gateway hung up after \(cutOff.map(String.init) ?? "-") bytes")
            }
        }
    }

    /// A whole answer past the 64 MiB response cap is a bad response, not an unreachable provider.
    @Test func anEndlessBodyIsABadResponse() async throws {
        try await Self.withHostileUpstream { gateway, _ in
            let reply = try await gateway.call("/v1/chat/completions", body: Self.chat("hostile/endless-body"))
            Self.expectBadResponse(reply)
            #expect(reply.json?["error"]?["message"]?.stringValue?.contains("67108864 bytes") == true, "\(reply.body)")
        }
    }

    static func poll<T: Sendable>(_ read: @Sendable () -> T?) async throws -> T? {
        for _ in 0..<100 {
            if let value = read() { return value }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }
}
