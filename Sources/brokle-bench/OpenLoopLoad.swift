import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization

/// `brokle-bench load --url U --rate R --duration S`: sends requests at a fixed rate whatever the
/// responses do (open loop), and measures each latency from the moment the request was due, so a
/// stall shows up in the percentiles instead of hiding behind coordinated omission.
struct OpenLoopLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "load", abstract: "Open-loop load at a fixed rate.")

    @Option var url: String
    @Option var rate: Int
    @Option var duration: Double = 10
    @Option var warmup: Double = 2
    @Option var key: String?
    @Option var body = #"{"model":"bench","messages":[{"role":"user","content":"hello"}]}"#
    @Option var label = ""

    func run() async throws {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 512
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let overhead = Samples()
        let (url, key, body) = (self.url, self.key, self.body)
        let makeRequest: @Sendable () -> HTTPClientRequest = {
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "content-type", value: "application/json")
            if let key { request.headers.add(name: "authorization", value: "Bearer \(key)") }
            request.body = .bytes(ByteBuffer(string: body))
            return request
        }
        // Warm the connection pool and caches first, unmeasured.
        _ = try await Self.drive(client: client, make: makeRequest, rate: rate, seconds: warmup, overhead: nil)
        let (latencies, errors, seconds) = try await Self.drive(
            client: client, make: makeRequest, rate: rate, seconds: duration, overhead: overhead)
        try await client.shutdown()
        let summary = LatencySummary(latenciesNanos: latencies, errors: errors, seconds: seconds)
        let reported = overhead.sorted()
        func q(_ p: Double) -> String {
            reported.isEmpty ? "" : String(format: "%.3f", reported[min(reported.count - 1, Int(Double(reported.count) * p))])
        }
        try summary.printJSON([
            "label": label, "target_rps": String(rate), "overhead_header_p50_ms": q(0.5), "overhead_header_p99_ms": q(0.99),
        ])
    }

    static func drive(
        client: HTTPClient, make: @escaping @Sendable () -> HTTPClientRequest, rate: Int, seconds: Double, overhead: Samples?
    ) async throws -> ([UInt64], Int, Double) {
        let total = Int(Double(rate) * seconds)
        let interval = 1e9 / Double(rate)
        let start = DispatchTime.now().uptimeNanoseconds
        let results = try await withThrowingTaskGroup(of: (UInt64, Bool).self) { group in
            for index in 0..<total {
                let due = start + UInt64(Double(index) * interval)
                let now = DispatchTime.now().uptimeNanoseconds
                if due > now { try await Task.sleep(nanoseconds: due - now) }
                group.addTask {
                    do {
                        let response = try await client.execute(make(), timeout: .seconds(30))
                        _ = try await response.body.collect(upTo: 1 << 20)
                        if let overhead, let value = response.headers.first(name: "x-brokle-overhead-ms").flatMap(Double.init) {
                            overhead.append(value)
                        }
                        return (DispatchTime.now().uptimeNanoseconds - due, response.status.code == 200)
                    } catch {
                        return (DispatchTime.now().uptimeNanoseconds - due, false)
                    }
                }
            }
            var latencies: [UInt64] = []
            var errors = 0
            for try await (latency, ok) in group {
                if ok { latencies.append(latency) } else { errors += 1 }
            }
            return (latencies, errors)
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (results.0, results.1, elapsed)
    }
}

/// Samples collected from many tasks.
final class Samples: Sendable {
    let values = Mutex<[Double]>([])
    func append(_ value: Double) { values.withLock { $0.append(value) } }
    func sorted() -> [Double] { values.withLock { $0.sorted() } }
}
