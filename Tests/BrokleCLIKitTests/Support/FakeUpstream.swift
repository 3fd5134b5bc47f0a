import Foundation
import Hummingbird
import NIOCore
import ServiceLifecycle
import Synchronization

/// A local server speaking the OpenAI wire format, standing in for a real provider. The model name
/// chooses the behaviour: `echo-body` (returns what it received), `fail-429` (an error that quotes
/// the provider key), `slow` (answers after 3 s), `stream-slow` (40 chunks, 50 ms apart; notes when
/// its client goes away), `stream-stall` (2 chunks, then silence for 30 s; notes when its client
/// goes away), anything else streams or answers a short completion.
final class FakeUpstream: Sendable {
    struct Seen: Sendable {
        var bodies: [String] = []
        var authorizations: [String] = []
        var streamCancelledAt: ContinuousClock.Instant?
        var streamChunksSent = 0
    }

    let seen = Mutex(Seen())

    /// Polls every 50 ms, for up to `limit`, until a stream notes that its client (the gateway)
    /// went away; returns when that was, or nil.
    func streamCancellation(within limit: Duration) async throws -> ContinuousClock.Instant? {
        let end = ContinuousClock.now + limit
        while ContinuousClock.now < end {
            try await Task.sleep(for: .milliseconds(50))
            if let at = seen.withLock({ $0.streamCancelledAt }) { return at }
        }
        return nil
    }
    static let providerKey = "sk-upstream-secret-123"

    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.post("/v1/chat/completions") { request, _ in
            var request = request
            let body = String(buffer: try await request.collectBody(upTo: 1 << 20))
            self.seen.withLock {
                $0.bodies.append(body)
                $0.authorizations.append(request.headers[.authorization] ?? "")
            }
            let model = (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["model"] as? String ?? ""
            let stream = body.contains(#""stream":true"#)
            switch model {
            case "echo-body":
                let escaped = String(decoding: try JSONEncoder().encode(body), as: UTF8.self)
                return Self.json(
                    #"{"id":"x","object":"chat.completion","created":1,"model":"echo-body","choices":[],"received":\#(escaped),"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7,"prompt_tokens_details":{"cached_tokens":2}}}"#
                )
            case "fail-429":
                return Self.json(
                    #"{"error":{"message":"Rate limit reached for key \#(Self.providerKey)","type":"requests","code":"rate_limit_exceeded","param":null}}"#,
                    status: .tooManyRequests)
            case "slow":
                try await Task.sleep(for: .seconds(3))
                return Self.json(#"{"choices":[]}"#)
            default:
                guard stream else {
                    return Self.json(
                        #"{"id":"x","object":"chat.completion","created":1,"model":"\#(model)","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}"#
                    )
                }
                let count = model == "stream-slow" ? 40 : 3
                let interval: Duration = model == "stream-slow" ? .milliseconds(50) : .zero
                let stallAfter = model == "stream-stall" ? 2 : count
                let watched = request
                return Response(
                    status: .ok, headers: [.contentType: "text/event-stream"],
                    body: ResponseBody { writer in
                        do {
                            for index in 0..<count {
                                if interval > .zero { try await Task.sleep(for: interval) }
                                if index == stallAfter {
                                    // Silent, but watching its connection: the gateway hanging up ends the wait.
                                    try await watched.body.consumeWithCancellationOnInboundClose { _ in
                                        try await Task.sleep(for: .seconds(30))
                                    }
                                }
                                try await writer.write(
                                    ByteBuffer(
                                        string:
                                            #"data: {"id":"s","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"t\#(index) "}}],"usage":null}"#
                                            + "\n\n"))
                                self.seen.withLock { $0.streamChunksSent += 1 }
                            }
                            try await writer.write(
                                ByteBuffer(
                                    string:
                                        #"data: {"id":"s","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":\#(count),"total_tokens":\#(9 + count)}}"#
                                        + "\n\ndata: [DONE]\n\n"))
                            try await writer.finish(nil)
                        } catch {
                            self.seen.withLock { $0.streamCancelledAt = .now }
                            throw error
                        }
                    })
            }
        }
        return router
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// Runs the server on a free port for the duration of `body`.
    func run<T: Sendable>(_ body: @Sendable (Int) async throws -> T) async throws -> T {
        try await LocalServers.run(router(), body)
    }
}
