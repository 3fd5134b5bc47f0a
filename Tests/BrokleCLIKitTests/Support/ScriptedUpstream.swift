import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceLifecycle
import Synchronization

/// An OpenAI-compatible upstream whose behaviour a test changes while it runs: answer, fail with
/// a status (optionally with Retry-After), hang, or start a stream and stall before its first
/// chunk. Counts the requests it receives, so tests can see which targets were tried.
final class ScriptedUpstream: Sendable {
    enum Behaviour: Sendable {
        case answer(delay: Duration = .zero)
        case fail(status: Int, retryAfterMs: Int? = nil)
        case hang
        /// Streams: send the 200 head, then wait this long before the first chunk.
        case stallStream(Duration)
    }

    let name: String
    private let state: Mutex<(behaviour: Behaviour, requests: Int, queue: [Behaviour])>

    init(_ name: String, _ behaviour: Behaviour = .answer()) {
        self.name = name
        state = Mutex((behaviour, 0, []))
    }

    var requests: Int { state.withLock { $0.requests } }

    func set(_ behaviour: Behaviour) { state.withLock { $0.behaviour = behaviour } }

    /// Behaviours for the next requests, in order, before the standing one applies again.
    func queue(_ behaviours: [Behaviour]) { state.withLock { $0.queue = behaviours } }

    private func next() -> Behaviour {
        state.withLock { state in
            state.requests += 1
            return state.queue.isEmpty ? state.behaviour : state.queue.removeFirst()
        }
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.post("/v1/chat/completions") { request, _ in
            var request = request
            let body = String(buffer: try await request.collectBody(upTo: 1 << 20))
            let stream = body.contains(#""stream":true"#)
            switch self.next() {
            case .fail(let status, let retryAfterMs):
                var headers: HTTPFields = [.contentType: "application/json"]
                if let retryAfterMs { headers[HTTPField.Name("retry-after-ms")!] = String(retryAfterMs) }
                let text = #"{"error":{"message":"\#(self.name) failed with \#(status)","type":"server_error","code":null}}"#
                return Response(status: .init(code: status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
            case .hang:
                // Twice the 3 s attempt timeout the tests give it: an answer at the very moment the
                // limit falls would race it (the upstream client's timers fire in 50 ms steps).
                try await Task.sleep(for: .seconds(6))
                return FakeUpstream.json("{}")
            case .answer(let delay):
                if delay > .zero { try await Task.sleep(for: delay) }
                return stream ? Self.stream(name: self.name, stall: .zero) : Self.completion(name: self.name)
            case .stallStream(let stall):
                return stream ? Self.stream(name: self.name, stall: stall) : Self.completion(name: self.name)
            }
        }
        return router
    }

    static func completion(name: String) -> Response {
        FakeUpstream.json(
            #"{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"from \#(name)"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}"#
        )
    }

    static func stream(name: String, stall: Duration) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/event-stream"],
            body: ResponseBody { writer in
                if stall > .zero { try await Task.sleep(for: stall) }
                try await writer.write(
                    ByteBuffer(
                        string:
                            #"data: {"id":"s","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"from \#(name)"}}]}"#
                            + "\n\n"))
                try await writer.write(
                    ByteBuffer(
                        string:
                            #"data: {"id":"s","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}"#
                            + "\n\ndata: [DONE]\n\n"))
                try await writer.finish(nil)
            })
    }

    /// Runs the upstreams on free ports for the duration of `body`.
    static func run<T: Sendable>(_ upstreams: [ScriptedUpstream], _ body: @Sendable ([Int]) async throws -> T) async throws -> T {
        try await LocalServers.run(upstreams.map { $0.router() }, body)
    }
}
