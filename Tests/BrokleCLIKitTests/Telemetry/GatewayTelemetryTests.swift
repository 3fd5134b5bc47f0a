@testable import BrokleGateway
@testable import BrokleCore
@testable import BrokleSettings
import Foundation
import Testing

/// Every request as OpenTelemetry GenAI spans, checked where a collector would see them: a local
/// OTLP/HTTP receiver decodes the export with the official `opentelemetry-proto` package.
@Suite(.enabled(if: OTLPReceiver.available)) struct GatewayTelemetryTests {
    static let clientTrace = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let clientSpan = "00f067aa0ba902b7"
    static let body = #"{"model":"smart","messages":[{"role":"user","content":"what is six times seven"}]}"#

    func attributes(_ span: JSONValue) -> [String: JSONValue] {
        if case .object(let attributes)? = span["attributes"] { return attributes }
        return [:]
    }

    /// A gateway in front of a fresh `TelemetryUpstream` (on `port`), exporting to `receiver` (the
    /// tests' telemetry settings, then `tune`).
    func exporting(
        to receiver: OTLPReceiver, capture: Bool = false, tune: @escaping @Sendable (inout TelemetrySettings) -> Void = { _ in },
        _ body: @escaping @Sendable (GatewayHarness, TelemetryUpstream, _ port: Int) async throws -> Void
    ) async throws {
        let upstream = TelemetryUpstream()
        try await LocalServers.run(upstream.router()) { port in
            try await GatewayHarness.run(
                catalog: TelemetryUpstream.catalog(port: port),
                configure: { settings in
                    TelemetryUpstream.exporting(to: receiver.tracesURL, capture: capture)(&settings)
                    tune(&settings.telemetry)
                }
            ) { harness in try await body(harness, upstream, port) }
        }
    }

    @Test func aFallbackIsOneServerSpanWithAClientSpanPerAttemptContinuingTheCallersTrace() async throws {
        let receiver = try await OTLPReceiver()
        defer { receiver.stop() }
        try await exporting(to: receiver) { harness, upstream, port in
            let reply = try await harness.call(
                "/v1/chat/completions", body: Self.body,
                headers: [
                    "traceparent": "00-\(Self.clientTrace)-\(Self.clientSpan)-01", "tracestate": "vendor=abc",
                    "x-brokle-request-id": "req-otel", "x-brokle-user": "user-9", "x-brokle-session": "conv-1",
                    "x-brokle-tags": "checkout,beta", "x-brokle-metadata": #"{"feature":"search"}"#,
                ])
            #expect(reply.status == 200)
            #expect(reply.headers["x-brokle-attempts"] == "2")
            let spans = try await receiver.spans(atLeast: 3) { $0["trace_id"]?.stringValue == Self.clientTrace }
            #expect(spans.count == 3)

            // The request: a SERVER span whose parent is the caller's span.
            let servers = spans.filter { $0["kind"]?.stringValue == "SPAN_KIND_SERVER" }
            try #require(servers.count == 1)
            let server = servers[0]
            #expect(server["parent_span_id"]?.stringValue == Self.clientSpan)
            #expect(server["name"]?.stringValue == "chat smart")
            let serverID = try #require(server["span_id"]?.stringValue)

            // One CLIENT span per attempt, children of the request's span, in order.
            let clients = spans.filter { $0["kind"]?.stringValue == "SPAN_KIND_CLIENT" }
                .sorted { (attributes($0)["brokle.attempt"]?.intValue ?? 0) < (attributes($1)["brokle.attempt"]?.intValue ?? 0) }
            try #require(clients.count == 2)
            #expect(clients.allSatisfy { $0["parent_span_id"]?.stringValue == serverID })
            #expect(clients.map { $0["name"]?.stringValue } == ["chat broken", "chat gpt-4o-mini"])
            #expect(clients.map { attributes($0)["brokle.provider"]?.stringValue } == ["flaky", "steady"])
            #expect(attributes(clients[0])["error.type"] != nil)
            #expect(attributes(clients[0])["http.response.status_code"]?.intValue == 503)
            #expect(clients[0]["status"]?.intValue == 2)  // STATUS_CODE_ERROR
            #expect(attributes(clients[1])["error.type"] == nil)
            for client in clients {
                #expect(attributes(client)["gen_ai.provider.name"]?.stringValue == "openai")
                #expect(attributes(client)["server.address"]?.stringValue == "127.0.0.1")
                #expect(attributes(client)["server.port"]?.intValue == port)
            }
            #expect(attributes(clients[1])["gen_ai.response.finish_reasons"] == .array([.string("stop")]))

            // Each upstream call carried its own attempt span's context, in the caller's trace.
            let seen = upstream.traceparents.withLock { $0 }
            try #require(seen.count == 2)
            for (header, client) in zip(seen, clients) {
                let parts = header?.split(separator: "-").map(String.init) ?? []
                #expect(parts.count == 4)
                #expect(parts.dropFirst().first == Self.clientTrace)
                #expect(parts.dropFirst(2).first == client["span_id"]?.stringValue)
            }

            // The GenAI attributes say what the trace row says.
            let row = try #require(try await harness.traces().first)
            let stored = try #require(
                try await harness.database.sql.raw("SELECT model_served, attempts, fallback FROM traces WHERE id = 'req-otel'").first())
            let serverAttributes = attributes(server)
            #expect(serverAttributes["gen_ai.operation.name"]?.stringValue == "chat")
            #expect(serverAttributes["gen_ai.request.model"]?.stringValue == "smart")
            #expect(
                serverAttributes["gen_ai.response.model"]?.stringValue == (try stored.decode(column: "model_served", as: String.self)))
            #expect(serverAttributes["gen_ai.usage.input_tokens"]?.intValue == row["tokens_in"]?.intValue)
            #expect(serverAttributes["gen_ai.usage.output_tokens"]?.intValue == row["tokens_out"]?.intValue)
            #expect(row["tokens_in"]?.intValue == 11 && row["tokens_out"]?.intValue == 7)
            #expect(attributes(clients[1])["gen_ai.usage.input_tokens"]?.intValue == 11)
            #expect(serverAttributes["brokle.attempts"]?.intValue == (try stored.decode(column: "attempts", as: Int.self)))
            #expect(serverAttributes["brokle.fallback"]?.boolValue == (try stored.decode(column: "fallback", as: Bool.self)))
            #expect(serverAttributes["brokle.request_id"]?.stringValue == "req-otel")
            // Who and what the request was for, as on the trace row.
            #expect(serverAttributes["user.id"]?.stringValue == "user-9" && serverAttributes["session.id"]?.stringValue == "conv-1")
            #expect(serverAttributes["brokle.tags"] == .array([.string("checkout"), .string("beta")]))
            #expect(serverAttributes["brokle.metadata"]?.stringValue == #"{"feature":"search"}"#)
            #expect(serverAttributes["brokle.organization.slug"]?.stringValue == "acme")
            #expect(serverAttributes["brokle.environment.slug"]?.stringValue == "production")
            // The free plan's monthly quota is a limit: checked and reserved.
            #expect(serverAttributes["brokle.limit.decision"]?.stringValue == "admitted")
            #expect(serverAttributes["http.response.status_code"]?.intValue == 200)
            let publicID = harness.key.split(separator: "_").dropFirst().first.map(String.init)
            #expect(serverAttributes["brokle.api_key.public_id"]?.stringValue == publicID)
            #expect(server["resource"]?["service.name"]?.stringValue == "brokle")
            #expect(server["content_type"]?.stringValue == "application/x-protobuf")

            // No content unless asked for, and no key material anywhere.
            let everything = String(decoding: try JSONEncoder().encode(JSONValue.array(spans)), as: UTF8.self)
            #expect(!everything.contains("gen_ai.input.messages") && !everything.contains("gen_ai.output.messages"))
            #expect(!everything.contains("six times seven") && !everything.contains("the answer is 42"))
            let secret = try #require(harness.key.split(separator: "_").last.map(String.init))
            for material in [harness.key, secret, TelemetryUpstream.providerKey, "Bearer", "bk_"] {
                #expect(!everything.contains(material), "\(material) in a span")
            }
        }
    }

    @Test func contentIsCapturedOnlyWhenAskedForAndCutToItsLimit() async throws {
        let receiver = try await OTLPReceiver()
        defer { receiver.stop() }
        try await exporting(to: receiver, capture: true) { harness, _, _ in
            let long = String(repeating: "seven ", count: 40)
            let reply = try await harness.call(
                "/v1/chat/completions", body: #"{"model":"direct","messages":[{"role":"user","content":"\#(long)"}]}"#)
            #expect(reply.status == 200)
            let clients = try await receiver.spans(atLeast: 1) { $0["kind"]?.stringValue == "SPAN_KIND_CLIENT" }
            let attributes = attributes(try #require(clients.first))
            let input = try #require(attributes["gen_ai.input.messages"]?.stringValue)
            #expect(input.hasPrefix(#"{"messages":[{"content":"seven seven"#))
            #expect(input.utf8.count <= 200 && input.hasSuffix("…"))
            #expect(attributes["gen_ai.output.messages"]?.stringValue?.contains("the answer is 42") == true)
        }
    }

    /// Captured content is a copy: every value the detector finds is exported as its entity, with
    /// no policy configured at all.
    @Test func capturedContentIsRedacted() async throws {
        let receiver = try await OTLPReceiver()
        defer { receiver.stop() }
        try await exporting(to: receiver, capture: true) { harness, _, _ in
            let reply = try await harness.call(
                "/v1/chat/completions",
                body: #"{"model":"direct","messages":[{"role":"user","content":"mail jane.doe@example.com now"}]}"#)
            #expect(reply.status == 200)
            let clients = try await receiver.spans(atLeast: 1) { $0["kind"]?.stringValue == "SPAN_KIND_CLIENT" }
            let client = try #require(clients.first)
            let input = try #require(attributes(client)["gen_ai.input.messages"]?.stringValue)
            #expect(input.contains("mail [EMAIL] now"))
            #expect(!input.contains("jane.doe@example.com"))
        }
    }

    @Test func withExportOffNoTraceContextGoesUpstream() async throws {
        let upstream = TelemetryUpstream()
        try await LocalServers.run(upstream.router()) { port in
            try await GatewayHarness.run(catalog: TelemetryUpstream.catalog(port: port)) { harness in
                #expect(harness.gateway.telemetry == nil)
                let reply = try await harness.call(
                    "/v1/chat/completions", body: #"{"model":"direct","messages":[]}"#,
                    headers: ["traceparent": "00-\(Self.clientTrace)-\(Self.clientSpan)-01"])
                #expect(reply.status == 200)
                #expect(upstream.traceparents.withLock { $0 } == [nil])
            }
        }
    }

    /// A stream's spans last as long as the stream, and carry the usage of its final chunk.
    @Test func aStreamsSpansEndWithTheStreamAndCarryItsUsage() async throws {
        let receiver = try await OTLPReceiver()
        defer { receiver.stop() }
        try await exporting(to: receiver) { harness, upstream, port in
            let reply = try await harness.call(
                "/v1/chat/completions", body: #"{"model":"direct","stream":true,"messages":[]}"#,
                headers: ["x-brokle-request-id": "req-stream"])
            #expect(reply.status == 200 && reply.body.contains("answer"))
            let spans = try await receiver.spans(atLeast: 2)
            let server = try #require(spans.first { $0["kind"]?.stringValue == "SPAN_KIND_SERVER" })
            let client = try #require(spans.first { $0["kind"]?.stringValue == "SPAN_KIND_CLIENT" })
            let row = try #require(try await harness.traces().first)
            #expect(attributes(server)["brokle.stream"]?.boolValue == true)
            #expect(attributes(server)["gen_ai.usage.input_tokens"]?.intValue == row["tokens_in"]?.intValue)
            #expect(attributes(server)["gen_ai.usage.output_tokens"]?.intValue == row["tokens_out"]?.intValue)
            #expect(row["tokens_in"]?.intValue == 13 && row["tokens_out"]?.intValue == 2)
            #expect(attributes(client)["gen_ai.usage.output_tokens"]?.intValue == 2)
            #expect(client["parent_span_id"] == server["span_id"])
            let (clientEnd, serverEnd) = (client["end_ns"]?.intValue ?? 0, server["end_ns"]?.intValue ?? 0)
            #expect(clientEnd > 0 && clientEnd <= serverEnd)
            #expect(attributes(server)["brokle.time_to_first_token_ms"] != nil)
        }
    }

    /// Both OTLP/HTTP encodings, compressed or not, as `OTEL_EXPORTER_OTLP_PROTOCOL` and
    /// `OTEL_EXPORTER_OTLP_COMPRESSION` ask: the collector decodes the same spans from each.
    @Test(arguments: [("http/protobuf", "gzip"), ("http/json", "none"), ("http/json", "gzip")])
    func exportsAreEncodedAndCompressedAsAsked(_ encoding: String, _ compression: String) async throws {
        let receiver = try await OTLPReceiver()
        defer { receiver.stop() }
        try await exporting(
            to: receiver,
            tune: {
                $0.exportProtocol = encoding
                $0.compression = compression
                $0.resourceAttributes = ["deployment.environment": "ci"]
            }
        ) { harness, _, _ in
            let reply = try await harness.call(
                "/v1/chat/completions", body: Self.body, headers: ["x-brokle-request-id": "req-\(encoding.dropFirst(5))-\(compression)"])
            #expect(reply.status == 200)
            let spans = try await receiver.spans(atLeast: 3)
            #expect(spans.count == 3)
            for span in spans {
                #expect(span["content_type"]?.stringValue == (encoding == "http/json" ? "application/json" : "application/x-protobuf"))
                #expect(span["content_encoding"]?.stringValue == (compression == "gzip" ? "gzip" : nil))
                #expect(span["resource"]?["deployment.environment"]?.stringValue == "ci")
                #expect(span["resource"]?["service.name"]?.stringValue == "brokle")
            }
            let server = try #require(spans.first { $0["kind"]?.stringValue == "SPAN_KIND_SERVER" })
            #expect(attributes(server)["brokle.request_id"]?.stringValue == "req-\(encoding.dropFirst(5))-\(compression)")
            #expect(attributes(server)["gen_ai.usage.input_tokens"]?.intValue == 11)
            #expect(attributes(server)["brokle.fallback"]?.boolValue == true)
            #expect(attributes(server)["brokle.cost_usd"]?.doubleValue != nil)
        }
    }

    /// A caller that did not sample its trace gets none of its requests exported, yet each call
    /// upstream still carries the trace, unsampled; the sampler's own decision applies to new traces.
    @Test func anUnsampledCallersRequestsAreNotExportedButTheirContextGoesOn() async throws {
        let receiver = try await OTLPReceiver()
        defer { receiver.stop() }
        try await exporting(to: receiver) { harness, upstream, _ in
            let unsampled = try await harness.call(
                "/v1/chat/completions", body: #"{"model":"direct","messages":[]}"#,
                headers: ["traceparent": "00-\(Self.clientTrace)-\(Self.clientSpan)-00"])
            #expect(unsampled.status == 200)
            let sampled = try await harness.call(
                "/v1/chat/completions", body: #"{"model":"direct","messages":[]}"#, headers: ["x-brokle-request-id": "req-sampled"])
            #expect(sampled.status == 200)
            let seen = upstream.traceparents.withLock { $0 }
            try #require(seen.count == 2)
            #expect(seen[0]?.hasPrefix("00-\(Self.clientTrace)-") == true && seen[0]?.hasSuffix("-00") == true)
            #expect(seen[1]?.hasSuffix("-01") == true && seen[1]?.contains(Self.clientTrace) == false)
            // The sampled request's spans arrive; the unsampled one's were never queued.
            let spans = try await receiver.spans(atLeast: 2)
            #expect(spans.count == 2)
            #expect(!spans.contains { $0["trace_id"]?.stringValue == Self.clientTrace })
            #expect(spans.contains { attributes($0)["brokle.request_id"]?.stringValue == "req-sampled" })
        }
    }
}

extension JSONValue {
    subscript(index: Int) -> JSONValue? {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }
}
