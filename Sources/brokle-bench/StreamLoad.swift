import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore

/// `brokle-bench streams --url U --concurrency N`: opens N streaming chat completions at once and
/// reports time to first byte and total time per stream; with `--responses`, N streamed
/// `/v1/responses` requests (store off), each whole when `response.completed` came.
struct StreamLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "streams", abstract: "Many concurrent SSE streams.")

    @Option var url: String
    @Option var concurrency = 100
    @Option var rounds = 1
    @Option var key: String?
    @Option var label = ""
    @Option var model = "bench"
    @Flag(help: "Stream /v1/responses requests instead of chat completions.") var responses = false

    func run() async throws {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = concurrency + 16
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let body =
            responses
            ? #"{"model":"\#(model)","stream":true,"store":false,"input":"hello"}"#
            : #"{"model":"\#(model)","stream":true,"messages":[{"role":"user","content":"hello"}]}"#
        let end = responses ? "event: response.completed\n" : "data: [DONE]\n\n"
        var firstBytes: [UInt64] = []
        var totals: [UInt64] = []
        var errors = 0
        let started = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<rounds {
            let results = await withTaskGroup(of: (UInt64, UInt64)?.self) { group in
                for _ in 0..<concurrency {
                    group.addTask {
                        var request = HTTPClientRequest(url: url)
                        request.method = .POST
                        request.headers.add(name: "content-type", value: "application/json")
                        if let key { request.headers.add(name: "authorization", value: "Bearer \(key)") }
                        request.body = .bytes(ByteBuffer(string: body))
                        let start = DispatchTime.now().uptimeNanoseconds
                        do {
                            let response = try await client.execute(request, timeout: .seconds(120))
                            guard response.status.code == 200 else { return nil }
                            var first: UInt64?
                            var text = ""
                            for try await chunk in response.body {
                                if first == nil { first = DispatchTime.now().uptimeNanoseconds - start }
                                text += String(buffer: chunk)
                            }
                            guard responses ? text.contains(end) : text.hasSuffix(end), let first else { return nil }
                            return (first, DispatchTime.now().uptimeNanoseconds - start)
                        } catch {
                            return nil
                        }
                    }
                }
                var collected: [(UInt64, UInt64)?] = []
                for await result in group { collected.append(result) }
                return collected
            }
            for result in results {
                if let (first, total) = result { firstBytes.append(first); totals.append(total) } else { errors += 1 }
            }
        }
        try await client.shutdown()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let ttfb = LatencySummary(latenciesNanos: firstBytes, errors: errors, seconds: seconds)
        let total = LatencySummary(latenciesNanos: totals, errors: errors, seconds: seconds)
        try ttfb.printJSON(["label": label, "measure": "time_to_first_byte"])
        try total.printJSON(["label": label, "measure": "stream_total"])
    }
}
