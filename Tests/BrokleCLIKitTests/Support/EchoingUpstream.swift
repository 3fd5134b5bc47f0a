@testable import BrokleCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// An OpenAI-compatible upstream that keeps every body it receives and answers with the last user
/// message repeated (`Noted: …`), so a test sees both what left the gateway and what the model
/// "said" back. A message containing `leak` makes the model add a value of its own
/// (`ops@vendor.example`). Streams send the text a few bytes per chunk, so a placeholder the model
/// repeats arrives split across chunks. Embeddings are answered with a fixed vector.
final class EchoingUpstream: Sendable {
    static let leaked = "ops@vendor.example"
    private let received = Mutex<[String]>([])
    let chunkBytes: Int

    init(chunkBytes: Int = 3) { self.chunkBytes = chunkBytes }

    var bodies: [String] { received.withLock { $0 } }

    static func reply(to body: String) -> String {
        guard case .object(let request)? = try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)),
            case .array(let messages)? = request["messages"], case .object(let last)? = messages.last
        else { return "Noted." }
        var text = ""
        if case .string(let content)? = last["content"] { text = content }
        if case .array(let parts)? = last["content"] {
            text = parts.compactMap { part -> String? in
                if case .object(let object) = part, case .string(let value)? = object["text"] { return value }
                return nil
            }.joined(separator: " ")
        }
        return "Noted: \(text)" + (text.contains("leak") ? " Reach me at \(leaked)" : "")
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.post("/v1/chat/completions") { request, _ in
            var request = request
            let body = String(buffer: try await request.collectBody(upTo: 1 << 20))
            self.received.withLock { $0.append(body) }
            let text = Self.reply(to: body)
            let quoted = String(decoding: JSONScanner.encodeString(text), as: UTF8.self)
            guard body.contains(#""stream":true"#) else {
                return FakeUpstream.json(
                    #"{"id":"e","object":"chat.completion","created":1,"model":"echo","choices":[{"index":0,"message":{"role":"assistant","content":\#(quoted)},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":5,"total_tokens":10}}"#
                )
            }
            var events = [
                #"{"id":"e","object":"chat.completion.chunk","created":1,"model":"echo","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"#
            ]
            var piece = ""
            for character in text {
                piece.append(character)
                if piece.utf8.count >= self.chunkBytes {
                    events.append(Self.chunk(piece))
                    piece = ""
                }
            }
            if !piece.isEmpty { events.append(Self.chunk(piece)) }
            events.append(
                #"{"id":"e","object":"chat.completion.chunk","created":1,"model":"echo","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#
            )
            events.append(
                #"{"id":"e","object":"chat.completion.chunk","created":1,"model":"echo","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":5,"total_tokens":10}}"#
            )
            let payload = events.map { "data: \($0)\n\n" }.joined() + "data: [DONE]\n\n"
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream"], body: ResponseBody(byteBuffer: ByteBuffer(string: payload)))
        }
        router.post("/v1/embeddings") { request, _ in
            var request = request
            let body = String(buffer: try await request.collectBody(upTo: 1 << 20))
            self.received.withLock { $0.append(body) }
            return FakeUpstream.json(
                #"{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,0.2]}],"model":"echo","usage":{"prompt_tokens":3,"total_tokens":3}}"#
            )
        }
        return router
    }

    static func chunk(_ text: String) -> String {
        let quoted = String(decoding: JSONScanner.encodeString(text), as: UTF8.self)
        return
            #"{"id":"e","object":"chat.completion.chunk","created":1,"model":"echo","choices":[{"index":0,"delta":{"content":\#(quoted)},"finish_reason":null}]}"#
    }

    func run<T: Sendable>(_ body: @Sendable (Int) async throws -> T) async throws -> T {
        try await LocalServers.run(router(), body)
    }
}
