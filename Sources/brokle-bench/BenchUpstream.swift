import ArgumentParser
import Hummingbird
import NIOCore

/// `brokle-bench upstream`: answers /v1/chat/completions like OpenAI, as fast as it can: a fixed
/// JSON body, or an SSE stream of `--chunks` events `--chunk-interval-ms` apart (with the usage
/// chunk when asked for); /v1/responses alike (BenchUpstream+Responses). Also a collector that takes OTLP exports at /v1/traces and answers as
/// one does. Prints `{"listening": PORT}` when ready.
struct BenchUpstream: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "upstream", abstract: "Run the fake OpenAI upstream.")

    @Option var port = 0
    @Option var chunks = 20
    @Option(name: .customLong("chunk-interval-ms")) var chunkIntervalMs = 0

    static let completion = ByteBuffer(
        string:
            #"{"id":"bench","object":"chat.completion","created":1,"model":"bench","choices":[{"index":0,"message":{"role":"assistant","content":"The quick brown fox jumps over the lazy dog."},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":10,"total_tokens":22}}"#
    )
    static let chunk = ByteBuffer(
        string:
            #"data: {"id":"bench","object":"chat.completion.chunk","created":1,"model":"bench","choices":[{"index":0,"delta":{"content":" word"},"finish_reason":null}]}"#
            + "\n\n")

    func run() async throws {
        let chunks = self.chunks
        let interval = Duration.milliseconds(chunkIntervalMs)
        let router = Router()
        router.post("/v1/chat/completions") { request, _ -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            let stream = body.readableBytesView.firstRange(of: Array(#""stream":true"#.utf8)) != nil
            guard stream else {
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: Self.completion))
            }
            let usage = body.readableBytesView.firstRange(of: Array(#""include_usage":true"#.utf8)) != nil
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream"],
                body: ResponseBody { writer in
                    for _ in 0..<chunks {
                        if interval > .zero { try await Task.sleep(for: interval) }
                        try await writer.write(Self.chunk)
                    }
                    if usage {
                        try await writer.write(
                            ByteBuffer(
                                string:
                                    #"data: {"id":"bench","object":"chat.completion.chunk","created":1,"model":"bench","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":\#(chunks),"total_tokens":\#(12 + chunks)}}"#
                                    + "\n\n"))
                    }
                    try await writer.write(ByteBuffer(string: "data: [DONE]\n\n"))
                    try await writer.finish(nil)
                })
        }
        routeResponses(router, interval: interval)
        router.post("/v1/traces") { request, _ -> Response in
            var request = request
            _ = try await request.collectBody(upTo: 64 << 20)
            return Response(status: .ok, headers: [.contentType: "application/x-protobuf"], body: .init(byteBuffer: ByteBuffer()))
        }
        try await BenchServer.run(router, port: port)
    }
}
