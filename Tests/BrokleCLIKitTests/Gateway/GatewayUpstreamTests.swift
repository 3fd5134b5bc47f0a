@testable import BrokleCLIKit
import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// The gateway in front of a real HTTP upstream that speaks the OpenAI wire format.
@Suite struct GatewayUpstreamTests {
    @Test func bodiesPassThroughUntouchedExceptTheModelAndKeysAreSwapped() async throws {
        let upstream = FakeUpstream()
        try await upstream.run { port in
            try await GatewayHarness.run(catalog: GatewayHarness.catalog(upstreamPort: port)) { gateway in
                let body =
                    #"{"model":"fast","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object"}}}],"seed":7,"logprobs":true,"response_format":{"type":"json_object"},"x_future_field":[1,{"a":null}]}"#
                let reply = try await gateway.call("/v1/chat/completions", body: body)
                #expect(reply.status == 200)
                let received = try #require(reply.json?["received"]?.stringValue)
                #expect(received == body.replacingOccurrences(of: #""model":"fast""#, with: #""model":"echo-body""#))
                let authorization = upstream.seen.withLock { $0.authorizations.last }
                #expect(authorization == "Bearer \(FakeUpstream.providerKey)", "the provider key goes upstream, never the bk_ key")
                let traces = try await gateway.traces()
                #expect(traces.first?["tokens_cached"] == .int(2))
                #expect(traces.first?["provider"] == .string("local"))
            }
        }
    }

    @Test func upstreamErrorsAreRelayedScrubbedAndTransportFailuresAre502And504() async throws {
        let upstream = FakeUpstream()
        try await upstream.run { port in
            try await GatewayHarness.run(catalog: GatewayHarness.catalog(upstreamPort: port)) { gateway in
                let limited = try await gateway.call("/v1/chat/completions", body: #"{"model":"local/fail-429","messages":[]}"#)
                #expect(limited.status == 429)
                #expect(limited.json?["error"]?["code"] == .string("rate_limit_exceeded"))
                #expect(!limited.body.contains(FakeUpstream.providerKey))
                #expect(limited.body.contains("***"))

                let down = try await gateway.call("/v1/chat/completions", body: #"{"model":"down/x","messages":[]}"#)
                #expect(down.status == 502)
                #expect(down.json?["error"]?["code"] == .string("upstream_unreachable"))

                let slow = try await gateway.call("/v1/chat/completions", body: #"{"model":"impatient/slow","messages":[]}"#)
                #expect(slow.status == 504)
                #expect(slow.json?["error"]?["code"] == .string("upstream_timeout"))

                let traces = try await gateway.traces()
                #expect(traces.filter { $0["status"] == .string("error") }.count == 3)
            }
        }
    }

    @Test func upstreamStreamsAreRelayedChunkByChunk() async throws {
        let upstream = FakeUpstream()
        try await upstream.run { port in
            try await GatewayHarness.run(catalog: GatewayHarness.catalog(upstreamPort: port)) { gateway in
                var request = HTTPClientRequest(url: gateway.baseURL + "/v1/chat/completions")
                request.method = .POST
                request.headers.add(name: "authorization", value: "Bearer \(gateway.key)")
                request.body = .bytes(ByteBuffer(string: #"{"model":"local/stream-slow","stream":true,"messages":[]}"#))
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                #expect(response.status.code == 200)
                // The first event arrives while the upstream is still producing the rest.
                var iterator = response.body.makeAsyncIterator()
                let first = try await iterator.next()
                #expect(first.map { String(buffer: $0) }?.hasPrefix("data: ") == true)
                let sentSoFar = upstream.seen.withLock { $0.streamChunksSent }
                #expect(sentSoFar < 40, "relayed before the upstream finished (\(sentSoFar) of 40 sent)")
                var rest = ""
                while let chunk = try await iterator.next() { rest += String(buffer: chunk) }
                #expect(rest.hasSuffix("data: [DONE]\n\n"))
                let traces = try await gateway.traces()
                #expect(traces.first?["tokens_out"] == .int(40))
                #expect(traces.first?["tokens_in"] == .int(9))
            }
        }
    }

    @Test func aClientThatGoesAwayCancelsTheUpstreamAndIsTracedAsCancelled() async throws {
        let upstream = FakeUpstream()
        try await upstream.run { port in
            try await GatewayHarness.run(catalog: GatewayHarness.catalog(upstreamPort: port)) { gateway in
                let hungUp = await gateway.hangUpAfterTwoChunks(model: "local/stream-slow")
                // The upstream notices its client (the gateway) is gone well before its 2 s stream ends.
                let cancelledAt = try await upstream.streamCancellation(within: .seconds(2))
                #expect(cancelledAt != nil)
                if let at = cancelledAt {
                    print("client hang-up to upstream cancellation: \(at - hungUp)")  // a figure for the record, not a timed assertion
                }
                #expect(upstream.seen.withLock { $0.streamChunksSent } < 40)
                let traces = try await gateway.traces()
                #expect(traces.first?["status"] == .string("cancelled"))
                #expect((traces.first?["tokens_out"]?.intValue ?? 0) >= 1, "tokens produced so far are kept")
            }
        }
    }
}
