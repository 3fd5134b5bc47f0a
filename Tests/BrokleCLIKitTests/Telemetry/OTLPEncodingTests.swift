@testable import BrokleCore
import Foundation
import Testing

/// The OTLP encoders against an independent decoder: the same spans written as protobuf and as
/// OTLP JSON, read back by the official `opentelemetry-proto` package (`Tests/python/
/// otlp_receiver.py --decode`), with the values a hand-written encoder gets wrong — empty and
/// non-ASCII strings, negative and large integers, `false`, zero doubles, arrays, a root span.
@Suite(.enabled(if: OTLPReceiver.available)) struct OTLPEncodingTests {
    static let unicode = "naïve “quotes” \\ back\\slash\ttab\nnewline \u{1}control 🎉"

    func write<Writer: OTLPWriter>(_: Writer.Type) -> [UInt8] {
        var writer = Writer(
            resource: [("service.name", "brokle-test"), ("deployment.environment", "ci")],
            scope: OTLPScope(name: "brokle", version: "9.9.9"), capacity: 0)
        writer.beginSpan(
            OTLPSpanHead(
                traceHigh: 0x4bf9_2f35_77b3_4da6, traceLow: 0xa3ce_929d_0e0e_4736, spanID: 0x00f0_67aa_0ba9_02b7, parentSpanID: 0,
                traceState: nil, name: "chat smart", kind: .server, startNanos: 1_700_000_000_123_456_789,
                endNanos: 1_700_000_001_000_000_000))
        writer.attribute("text", .string(Self.unicode))
        writer.attribute("empty", .string(""))
        writer.attribute("zero", .int(0))
        writer.attribute("negative", .int(-42))
        writer.attribute("large", .int(Int64.max))
        writer.attribute("no", .bool(false))
        writer.attribute("yes", .bool(true))
        writer.attribute("nothing", .double(0))
        writer.attribute("cost", .double(0.000123))
        writer.attribute("reasons", .strings(["stop", "", "length"]))
        writer.endSpan(status: .error)
        writer.beginSpan(
            OTLPSpanHead(
                traceHigh: 1, traceLow: 2, spanID: .max, parentSpanID: 0x00f0_67aa_0ba9_02b7, traceState: "vendor=abc,other=x",
                name: "", kind: .client, startNanos: 1, endNanos: 2))
        writer.endSpan(status: .unset)
        return writer.finish()
    }

    func decode(_ body: [UInt8], json: Bool) async throws -> [JSONValue] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("brokle-otlp-\(UUID().uuidString)")
        try Data(body).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try await offThePool {
            try Process.inSlot {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments =
                    ["python3", Repository.root.appendingPathComponent("Tests/python/otlp_receiver.py").path, "--decode", file.path]
                    + (json ? ["--json"] : [])
                let pipe = Pipe()
                process.standardOutput = pipe
                try process.run()
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                return data
            }
        }
        return try String(decoding: output, as: UTF8.self).split(separator: "\n").map {
            try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8))
        }
    }

    @Test(arguments: [false, true])
    func theOfficialDecoderReadsBackEveryValue(json: Bool) async throws {
        let body = json ? write(OTLPJSON.self) : write(OTLPProtobuf.self)
        let spans = try await decode(body, json: json)
        try #require(spans.count == 2)
        let (server, client) = (spans[0], spans[1])
        #expect(server["trace_id"]?.stringValue == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(server["span_id"]?.stringValue == "00f067aa0ba902b7")
        #expect(server["parent_span_id"]?.stringValue == "")
        #expect(server["name"]?.stringValue == "chat smart")
        #expect(server["kind"]?.stringValue == "SPAN_KIND_SERVER")
        #expect(server["status"]?.intValue == 2)
        #expect(server["start_ns"]?.intValue == 1_700_000_000_123_456_789)
        #expect(server["end_ns"]?.intValue == 1_700_000_001_000_000_000)
        #expect(server["resource"] == .object(["service.name": .string("brokle-test"), "deployment.environment": .string("ci")]))
        #expect(server["scope"] == .array([.string("brokle"), .string("9.9.9")]))
        let attributes = try #require(server["attributes"])
        #expect(attributes["text"]?.stringValue == Self.unicode)
        #expect(attributes["empty"]?.stringValue == "")
        #expect(attributes["zero"]?.intValue == 0)
        #expect(attributes["negative"]?.intValue == -42)
        #expect(attributes["large"]?.intValue == Int(Int64.max))
        #expect(attributes["no"]?.boolValue == false)
        #expect(attributes["yes"]?.boolValue == true)
        #expect(attributes["nothing"]?.doubleValue == 0)
        #expect(attributes["cost"]?.doubleValue == 0.000123)
        #expect(attributes["reasons"] == .array([.string("stop"), .string(""), .string("length")]))

        #expect(client["trace_id"]?.stringValue == "00000000000000010000000000000002")
        #expect(client["span_id"]?.stringValue == "ffffffffffffffff")
        #expect(client["parent_span_id"]?.stringValue == "00f067aa0ba902b7")
        #expect(client["trace_state"]?.stringValue == "vendor=abc,other=x")
        #expect(client["kind"]?.stringValue == "SPAN_KIND_CLIENT")
        #expect(client["status"]?.intValue == 0)
        #expect(client["attributes"] == .object([:]))
    }

    /// Lengths that take one, two and three varint bytes, and one just past each boundary.
    @Test func longFieldsKeepTheirLengths() async throws {
        var writer = OTLPProtobuf(resource: [], scope: OTLPScope(name: "brokle", version: ""), capacity: 0)
        let sizes = [0, 127, 128, 16_383, 16_384, 100_000]
        writer.beginSpan(
            OTLPSpanHead(
                traceHigh: 1, traceLow: 1, spanID: 1, parentSpanID: 0, traceState: nil, name: "long", kind: .server,
                startNanos: 1, endNanos: 2))
        for size in sizes { writer.attribute("s\(size)", .string(String(repeating: "x", count: size))) }
        writer.endSpan(status: .unset)
        let spans = try await decode(writer.finish(), json: false)
        let attributes = try #require(spans.first?["attributes"])
        for size in sizes { #expect(attributes["s\(size)"]?.stringValue?.utf8.count == size) }
    }
}
