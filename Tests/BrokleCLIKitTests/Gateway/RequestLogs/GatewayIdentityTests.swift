@testable import BrokleGateway
@testable import BrokleCore
import Foundation
import SQLKit
import Testing

/// Who and what a request is for, as clients say it — OpenAI's `user`, Anthropic's
/// `metadata.user_id`, the `x-brokle-*` headers — on the trace, and refused when out of bounds.
@Suite struct GatewayIdentityTests {
    struct Stored: Equatable {
        var user: String?
        var session: String?
        var tags: String?
        var metadata: String?
    }

    static func stored(_ harness: GatewayHarness, id: String) async throws -> Stored? {
        _ = try await harness.traces(atLeast: 1)
        let row = try await harness.database.sql.raw(
            "SELECT end_user, session_id, tags, metadata FROM traces WHERE id = \(bind: id)"
        ).first()
        return try row.map {
            Stored(
                user: try $0.decode(column: "end_user", as: String?.self), session: try $0.decode(column: "session_id", as: String?.self),
                tags: try $0.decode(column: "tags", as: String?.self), metadata: try $0.decode(column: "metadata", as: String?.self))
        }
    }

    /// Polls until the trace of `id` is stored.
    static func trace(_ harness: GatewayHarness, id: String) async throws -> Stored {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            await harness.gateway.traceWriter.flush()
            if let found = try await stored(harness, id: id) { return found }
        }
        throw BrokleError(.internalError, "trace \(id) was never stored")
    }

    @Test func identityComesFromTheBodyOrTheHeadersWhichWin() async throws {
        try await GatewayHarness.withProviderKinds { harness, _, _ in
            let chat = #"{"model":"mock-chat","user":"body-user","messages":[{"role":"user","content":"hi"}]}"#
            let plain = try await harness.call("/v1/chat/completions", body: chat, headers: ["x-brokle-request-id": "req-id-1"])
            #expect(plain.status == 200)
            #expect(try await Self.trace(harness, id: "req-id-1") == Stored(user: "body-user"))

            let tagged = try await harness.call(
                "/v1/chat/completions", body: chat,
                headers: [
                    "x-brokle-request-id": "req-id-2", "x-brokle-user": "header-user", "x-brokle-session": "conv-7",
                    "x-brokle-tags": "checkout, beta", "x-brokle-metadata": #"{"feature":"search","n":3}"#,
                ])
            #expect(tagged.status == 200)
            #expect(
                try await Self.trace(harness, id: "req-id-2")
                    == Stored(
                        user: "header-user", session: "conv-7", tags: #"["checkout","beta"]"#, metadata: #"{"feature":"search","n":3}"#))

            let anthropic = try await GatewayMessagesEndpointTests.messages(
                harness,
                #"{"model":"mock-chat","max_tokens":64,"metadata":{"user_id":"claude-user"},"messages":[{"role":"user","content":"hi"}]}"#,
                id: "req-id-3")
            #expect(anthropic.status == 200)
            #expect(try await Self.trace(harness, id: "req-id-3").user == "claude-user")

            // A body `user` this gateway cannot keep is the provider API's field, sent as before:
            // the request goes on, without an end user on its trace.
            let long = #"{"model":"mock-chat","user":"\#(String(repeating: "u", count: 300))","messages":[{"role":"user","content":"hi"}]}"#
            #expect(try await harness.call("/v1/chat/completions", body: long, headers: ["x-brokle-request-id": "req-id-4"]).status == 200)
            #expect(try await Self.trace(harness, id: "req-id-4") == Stored())
        }
    }

    @Test(arguments: [
        ("x-brokle-metadata", #"{"nested":{"a":1}}"#), ("x-brokle-metadata", "not json"), ("x-brokle-tags", "two words"),
        ("x-brokle-user", String(repeating: "u", count: 300)),
    ])
    func outOfBoundsValuesAreA400ThatIsTraced(header: String, value: String) async throws {
        try await GatewayHarness.withProviderKinds { harness, _, _ in
            let reply = try await harness.call(
                "/v1/chat/completions", body: #"{"model":"mock-chat","messages":[{"role":"user","content":"hi"}]}"#,
                headers: ["x-brokle-request-id": "req-bad", header: value])
            #expect(reply.status == 400)
            #expect(reply.json?["error"]?["param"] == .string(header))
            #expect(reply.json?["error"]?["type"] == .string("invalid_request_error"))
            _ = try await Self.trace(harness, id: "req-bad")
        }
    }
}
