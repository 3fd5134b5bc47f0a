@testable import BrokleCore
import Foundation
import Testing

@Suite struct GatewayErrorTests {
    func expectError(_ reply: GatewayHarness.Reply, _ status: Int, code: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(reply.status == status, "\(reply.body)", sourceLocation: sourceLocation)
        #expect(reply.json?["error"]?["message"]?.stringValue != nil, "OpenAI error body: \(reply.body)", sourceLocation: sourceLocation)
        if let code { #expect(reply.json?["error"]?["code"] == .string(code), "\(reply.body)", sourceLocation: sourceLocation) }
    }

    @Test func authFailuresAreOne401AndModelRulesAre403And404() async throws {
        try await GatewayHarness.run(configure: { $0.maxBodyBytes = 4096 }) { gateway in
            let chat = GatewayChatTests.chat
            expectError(try await gateway.call("/v1/chat/completions", body: chat, noAuth: true), 401, code: "invalid_api_key")
            let unknown = try await gateway.call("/v1/chat/completions", body: chat, key: APIKeyToken.generate().text)
            let garbage = try await gateway.call("/v1/chat/completions", body: chat, key: "bk_garbage")
            expectError(unknown, 401, code: "invalid_api_key")
            #expect(unknown.body == garbage.body, "callers cannot tell an unknown key from a malformed one")
            let viaHeader = try await gateway.call("/v1/chat/completions", body: chat, noAuth: true, headers: ["api-key": gateway.key])
            #expect(viaHeader.status == 200)

            // The limited key may use mock-* only; mock/other addresses the provider directly.
            #expect(try await gateway.call("/v1/chat/completions", body: chat, key: gateway.limitedKey).status == 200)
            expectError(
                try await gateway.call("/v1/chat/completions", body: #"{"model":"mock/other","messages":[]}"#, key: gateway.limitedKey),
                403, code: "model_not_allowed")
            #expect(
                try await gateway.call("/v1/chat/completions", body: #"{"model":"mock/other","messages":[{"role":"user","content":"x"}]}"#)
                    .status == 200)
            let models = try await gateway.call("/v1/models", method: "GET", key: gateway.limitedKey)
            #expect(models.status == 200)
            expectError(
                try await gateway.call("/v1/chat/completions", body: #"{"model":"nope","messages":[]}"#), 404, code: "model_not_found")
            expectError(try await gateway.call("/v1/chat/completions", body: "{not json"), 400)
            expectError(try await gateway.call("/v1/chat/completions", body: #"{"messages":[]}"#), 400, code: "missing_required_parameter")
            expectError(
                try await gateway.call("/v1/chat/completions", body: #"{"model":"mock-chat"}"#), 400, code: "missing_required_parameter")
            expectError(
                try await gateway.call(
                    "/v1/chat/completions",
                    body: #"{"model":"mock-chat","messages":[],"pad":""# + String(repeating: "x", count: 5000) + #""}"#), 413)
            expectError(try await gateway.call("/v1/nothing-here", method: "GET"), 404)

            // Failures after authentication are traced as errors.
            let traces = try await gateway.traces()
            #expect(
                traces.contains {
                    $0["model"] == .string("nope") && $0["status"] == .string("error") && $0["error_type"] == .string("model_not_found")
                })
        }
    }
}
