@testable import BrokleCLIKit
import Foundation
import Testing

/// What a stream does to its client connection: it stays open for the next request, and a client
/// that hangs up mid-stream cancels the upstream call at once, even while the upstream is silent.
@Suite struct GatewayStreamConnectionTests {
    @Test func aStreamLeavesItsConnectionOpenForTheNextRequest() async throws {
        let upstream = FakeUpstream()
        try await upstream.run { port in
            try await GatewayHarness.run(catalog: GatewayHarness.catalog(upstreamPort: port)) { gateway in
                let gatewayPort = try #require(Int(gateway.baseURL.split(separator: ":").last ?? ""))
                let connection = try RawHTTPConnection(port: gatewayPort)
                let headers = ["Authorization": "Bearer \(gateway.key)"]
                for round in 1...3 {
                    try await connection.post(
                        "/v1/chat/completions", body: #"{"model":"local/chat","stream":true,"messages":[]}"#, headers: headers)
                    // Chunked encoding ends with a zero-length chunk; the connection must survive it.
                    let response = try await connection.read(through: "0\r\n\r\n")
                    #expect(response.hasPrefix("HTTP/1.1 200"), "round \(round)")
                    #expect(response.contains("data: [DONE]"), "round \(round)")
                    #expect(!response.lowercased().contains("connection: close"), "round \(round)")
                }
                // And a plain request after the streams, on the same socket.
                try await connection.post("/v1/chat/completions", body: #"{"model":"local/chat","messages":[]}"#, headers: headers)
                let plain = try await connection.read(through: #""finish_reason":"stop""#)
                #expect(plain.hasPrefix("HTTP/1.1 200"))
                #expect(try await gateway.traces().count == 4)
            }
        }
    }

    @Test func aClientThatClosesItsSideIsAnsweredThenClosed() async throws {
        let upstream = FakeUpstream()
        try await upstream.run { port in
            try await GatewayHarness.run(catalog: GatewayHarness.catalog(upstreamPort: port)) { gateway in
                let gatewayPort = try #require(Int(gateway.baseURL.split(separator: ":").last ?? ""))
                // A request, then the end of the client's input: the answer comes, then the close.
                let asking = try RawHTTPConnection(port: gatewayPort)
                try await asking.post(
                    "/v1/chat/completions", body: #"{"model":"local/chat","messages":[]}"#,
                    headers: ["Authorization": "Bearer \(gateway.key)"])
                asking.closeWrite()
                let answer = try await asking.readToEnd()
                #expect(answer.hasPrefix("HTTP/1.1 200"))
                #expect(answer.contains(#""finish_reason":"stop""#))
                // An idle connection whose client closes its side does not linger half-open.
                let idle = try RawHTTPConnection(port: gatewayPort)
                idle.closeWrite()
                #expect(try await idle.readToEnd() == "")
            }
        }
    }

    @Test func aPipeliningClientIsAnsweredInOrderOnItsConnection() async throws {
        let upstream = FakeUpstream()
        try await upstream.run { port in
            try await GatewayHarness.run(catalog: GatewayHarness.catalog(upstreamPort: port)) { gateway in
                let gatewayPort = try #require(Int(gateway.baseURL.split(separator: ":").last ?? ""))
                // Three requests sent before any answer is read: a slow stream, an unknown model
                // (answered by the gateway alone, so it would be ready first) and a whole answer.
                let client = try RawHTTPConnection(port: gatewayPort)
                let auth = "Bearer \(gateway.key)"
                try await client.post(
                    "/v1/chat/completions", body: #"{"model":"local/stream-slow","stream":true,"messages":[]}"#,
                    headers: ["Authorization": auth, "x-brokle-request-id": "pipelined-1"])
                try await client.post(
                    "/v1/chat/completions", body: #"{"model":"nowhere/none","messages":[]}"#,
                    headers: ["Authorization": auth, "x-brokle-request-id": "pipelined-2"])
                try await client.post(
                    "/v1/chat/completions", body: #"{"model":"local/chat","messages":[]}"#,
                    headers: ["Authorization": auth, "x-brokle-request-id": "pipelined-3"])
                let first = try await client.read(through: "data: [DONE]")
                #expect(first.hasPrefix("HTTP/1.1 200") && first.contains("pipelined-1") && !first.contains("pipelined-2"))
                let second = try await client.read(through: "pipelined-3")
                #expect(second.contains("HTTP/1.1 404") && second.contains("pipelined-2"))
                let third = try await client.read(through: #""finish_reason":"stop""#)
                #expect(!third.contains("HTTP/1.1"), "the third answer's head came with the second read")
                #expect(second.hasSuffix("pipelined-3") && second.components(separatedBy: "HTTP/1.1 200").count == 2)
                // The connection is still good for the next request.
                try await client.post(
                    "/v1/chat/completions", body: #"{"model":"local/chat","messages":[]}"#, headers: ["Authorization": auth])
                #expect(try await client.read(through: #""finish_reason":"stop""#).contains("HTTP/1.1 200"))
            }
        }
    }

    @Test func aClientHangingUpWhileTheUpstreamIsSilentCancelsTheUpstreamAtOnce() async throws {
        let upstream = FakeUpstream()
        try await upstream.run { port in
            try await GatewayHarness.run(catalog: GatewayHarness.catalog(upstreamPort: port)) { gateway in
                // Both chunks have arrived; the upstream now says nothing for 30 s. Hang up.
                await gateway.hangUpAfterTwoChunks(model: "local/stream-stall")
                // Nothing more is written to the client, so only the hang-up itself can stop the
                // upstream call; poll for up to 5 s (the upstream would stay silent for 30 s).
                #expect(
                    try await upstream.streamCancellation(within: .seconds(5)) != nil,
                    "the upstream call is cancelled when the client hangs up")
                let traces = try await gateway.traces()
                #expect(traces.first?["status"] == .string("cancelled"))
                #expect(traces.first?["tokens_out"] == .int(2), "the two chunks relayed are counted")
            }
        }
    }
}
