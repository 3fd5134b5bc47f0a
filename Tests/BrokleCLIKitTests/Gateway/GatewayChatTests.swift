@testable import BrokleCLIKit
import Foundation
import Testing

@Suite struct GatewayChatTests {
    static let chat = #"{"model":"mock-chat","messages":[{"role":"user","content":"hello gateway"}]}"#

    @Test(arguments: TestDatabase.available)
    func chatCompletionWithHeadersUsageAndTrace(kind: TestDatabase) async throws {
        try await GatewayHarness.run(kind) { gateway in
            let reply = try await gateway.call("/v1/chat/completions", body: Self.chat, headers: ["x-brokle-request-id": "my-req-1"])
            #expect(reply.status == 200)
            #expect(reply.headers["x-brokle-request-id"] == "my-req-1")
            #expect(reply.headers["x-brokle-provider"] == "mock")
            #expect(reply.headers["x-brokle-model"] == "mock-chat")
            #expect(Double(reply.headers["x-brokle-overhead-ms"] ?? "") != nil)
            let json = try #require(reply.json)
            #expect(json["object"] == .string("chat.completion"))
            #expect(json["usage"]?["completion_tokens"] == .int(16))

            let traces = try await gateway.traces()
            #expect(traces.count == 1)
            #expect(traces.first?["id"] == .string("my-req-1"))
            #expect(traces.first?["status"] == .string("ok"))
            #expect(traces.first?["tokens_out"] == .int(16))
            #expect(traces.first?["tokens_in"] == json["usage"]?["prompt_tokens"])
        }
    }

    @Test func aRepeatedClientRequestIDKeepsOneTraceAndLosesNoOthers() async throws {
        try await GatewayHarness.run { gateway in
            for _ in 0..<2 {
                _ = try await gateway.call("/v1/chat/completions", body: Self.chat, headers: ["x-brokle-request-id": "same-id"])
            }
            _ = try await gateway.call("/v1/chat/completions", body: Self.chat)
            let traces = try await gateway.traces(atLeast: 2)
            #expect(traces.count == 2)
            #expect(traces.filter { $0["id"] == .string("same-id") }.count == 1)
            #expect(gateway.gateway.traceWriter.queuedCount == 0, "the batch was written, not stuck retrying")
        }
    }

    @Test func streamIsRelayedWithUsageOnlyWhenAsked() async throws {
        try await GatewayHarness.run { gateway in
            let plain = try await gateway.call(
                "/v1/chat/completions", body: #"{"model":"mock-chat","stream":true,"messages":[{"role":"user","content":"hi"}]}"#)
            #expect(plain.status == 200)
            #expect(plain.headers["content-type"] == "text/event-stream")
            let events = plain.body.components(separatedBy: "\n\n").filter { !$0.isEmpty }
            #expect(events.last == "data: [DONE]")
            #expect(!events.contains { $0.contains(#""usage":{"#) }, "the usage chunk the client did not ask for is dropped")
            #expect(events.count == 16 + 3)  // role chunk, 16 words, finish chunk, [DONE]

            let withUsage = try await gateway.call(
                "/v1/chat/completions",
                body:
                    #"{"model":"mock-chat","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}"#
            )
            #expect(withUsage.body.contains(#""choices":[],"usage":{"prompt_tokens""#))

            let traces = try await gateway.traces(atLeast: 2)
            #expect(traces.count == 2)
            #expect(traces.allSatisfy { $0["stream"] == .bool(true) && $0["tokens_out"] == .int(16) && $0["status"] == .string("ok") })
        }
    }

    @Test func completionsEmbeddingsAndModels() async throws {
        try await GatewayHarness.run { gateway in
            let completion = try await gateway.call("/v1/completions", body: #"{"model":"mock-chat","prompt":"say something"}"#)
            #expect(completion.json?["object"] == .string("text_completion"))

            let floats = try await gateway.call("/v1/embeddings", body: #"{"model":"mock-embed","input":["a","b"]}"#)
            #expect(floats.status == 200)
            guard case .array(let data)? = floats.json?["data"] else { Issue.record("no data"); return }
            #expect(data.count == 2)
            guard case .array(let vector)? = data[0]["embedding"] else { Issue.record("no vector"); return }
            #expect(vector.count == 8)

            let base64 = try await gateway.call("/v1/embeddings", body: #"{"model":"mock-embed","input":"a","encoding_format":"base64"}"#)
            guard case .array(let encoded)? = base64.json?["data"], let text = encoded.first?["embedding"]?.stringValue else {
                Issue.record("no base64"); return
            }
            #expect(Data(base64Encoded: text)?.count == 8 * 4)

            let models = try await gateway.call("/v1/models", method: "GET")
            guard case .array(let listed)? = models.json?["data"] else { Issue.record("no models"); return }
            #expect(listed.compactMap { $0["id"]?.stringValue } == ["mock-chat", "mock-embed"])
            #expect(try await gateway.call("/v1/models/mock-chat", method: "GET").json?["owned_by"] == .string("mock"))
        }
    }

    @Test func healthAndMetrics() async throws {
        try await GatewayHarness.run { gateway in
            #expect(try await gateway.call("/health", method: "GET", noAuth: true).json?["status"] == .string("ok"))
            #expect(try await gateway.call("/health/db", method: "GET", noAuth: true).json?["status"] == .string("ok"))
            _ = try await gateway.call("/v1/chat/completions", body: Self.chat)
            _ = try await gateway.call("/v1/chat/completions", body: Self.chat, key: "bk_wrong")
            let metrics = try await gateway.call("/metrics", method: "GET", noAuth: true).body
            #expect(
                metrics.contains(#"brokle_requests_total{endpoint="chat.completions",model="mock-chat",provider="mock",status="200"} 1"#))
            #expect(metrics.contains(#"brokle_auth_failures_total{reason="malformed"} 1"#))
            #expect(metrics.contains("brokle_gateway_overhead_seconds_bucket"))
            #expect(metrics.contains(#"brokle_tokens_total{model="mock-chat",provider="mock",type="output"} 16"#))
            #expect(metrics.contains("brokle_requests_in_flight 0"))
        }
    }
}
