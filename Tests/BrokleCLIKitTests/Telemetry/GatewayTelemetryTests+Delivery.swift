@testable import BrokleCore
@testable import BrokleGateway
@testable import BrokleSettings
import Foundation
import Testing

/// How spans reach the collector: flushed on shutdown, and a collector that fails changes nothing
/// for clients.
extension GatewayTelemetryTests {
    /// Spans still queued when the gateway stops are exported before it is gone: here the batch
    /// delay is a minute, so only the shutdown's flush can deliver them.
    @Test func queuedSpansAreFlushedOnGracefulShutdown() async throws {
        let receiver = try await OTLPReceiver()
        defer { receiver.stop() }
        try await exporting(to: receiver, tune: { $0.scheduleDelay = 60 }) { harness, _, _ in
            let reply = try await harness.call(
                "/v1/chat/completions", body: #"{"model":"direct","messages":[]}"#, headers: ["x-brokle-request-id": "req-flush"])
            #expect(reply.status == 200)
            try await Task.sleep(for: .milliseconds(200))
            #expect(try receiver.spans().isEmpty)
        }
        let spans = try await receiver.spans(atLeast: 2, within: .seconds(5))
        #expect(spans.count == 2)
        #expect(spans.contains { attributes($0)["brokle.request_id"]?.stringValue == "req-flush" })
    }

    /// A collector that refuses every export, one that is not there and one that never answers:
    /// clients get the same answers, in no more time, and the lost spans are counted.
    @Test(arguments: ["refuses", "down", "hangs"])
    func aFailingCollectorChangesNothingForClientsAndDropsAreCounted(_ failure: String) async throws {
        let receiver: OTLPReceiver? =
            switch failure {
            case "refuses": try await OTLPReceiver(["--status", "500"])
            case "hangs": try await OTLPReceiver(["--hang"])
            default: nil
            }
        defer { receiver?.stop() }
        let url = receiver?.tracesURL ?? "http://127.0.0.1:1/v1/traces"
        let upstream = TelemetryUpstream()
        try await LocalServers.run(upstream.router()) { port in
            try await GatewayHarness.run(
                catalog: TelemetryUpstream.catalog(port: port),
                configure: { settings in
                    TelemetryUpstream.exporting(to: url)(&settings)
                    settings.telemetry.exportTimeout = 5
                    // A stuck collector holds the exports in flight (four at most, one span each):
                    // with room for two spans more while they wait, the rest overflow the queue.
                    if failure == "hangs" { (settings.telemetry.maxQueueSize, settings.telemetry.maxExportBatchSize) = (2, 1) }
                }
            ) { harness in
                // At once, so all ten spans are queued well within the export timeout, whatever the
                // machine's load (one after another on a loaded machine, the first exports could
                // time out and make room before the last spans came).
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<5 {
                        group.addTask {
                            let started = ContinuousClock.now
                            let reply = try await harness.call(
                                "/v1/chat/completions", body: #"{"model":"direct","messages":[]}"#,
                                headers: ["x-brokle-request-id": "req-\(index)"])
                            #expect(reply.status == 200)
                            #expect(reply.json?["choices"]?[0]?["message"]?["content"]?.stringValue == "the answer is 42")
                            #expect(reply.headers["x-brokle-request-id"] == "req-\(index)")
                            // The export timeout is 5 s: a request that waited on the collector would
                            // show it (the margin is for a loaded machine; these take milliseconds).
                            #expect(ContinuousClock.now - started < .seconds(4))
                        }
                    }
                    try await group.waitForAll()
                }
                // 5 requests, 2 spans each, all lost: failed exports, and (stuck) a full queue.
                func dropped(_ reason: String) async throws -> Int {
                    let metrics = try await harness.call("/metrics", method: "GET", noAuth: true).body
                    let line = metrics.split(separator: "\n").first {
                        $0.hasPrefix(#"brokle_otel_spans_dropped_total{reason="\#(reason)"}"#)
                    }
                    return line.flatMap { $0.split(separator: " ").last }.flatMap { Int($0) } ?? 0
                }
                var (failed, overflowed) = (0, 0)
                let end = ContinuousClock.now + .seconds(40)
                while failed + overflowed < 10, ContinuousClock.now < end {
                    try await Task.sleep(for: .milliseconds(100))
                    (failed, overflowed) = (try await dropped("export_failed"), try await dropped("queue_full"))
                }
                #expect(failed + overflowed == 10)
                #expect(failure == "hangs" ? overflowed > 0 : overflowed == 0)
                if failure == "refuses" { #expect(receiver?.refused() ?? 0 >= 1) }
            }
        }
    }
}
