import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// A provider that answers badly on purpose, in the OpenAI shape (`/v1/chat/completions`), the
/// Anthropic one (`/v1/messages`) and Gemini's (`/v1beta/models/{model}:...`). The model chooses how:
///
/// - `deep-json`: a 200 whose JSON nests 10,000 levels; `deep-error`: the same as a 500;
/// - `deep-event`: a stream whose second event nests 10,000 levels;
/// - `endless-line`: a stream that starts well, then sends one line that never ends;
/// - `endless-body`: a 200 whose body never ends.
///
/// The endless answers stop when the gateway hangs up (noted in `cutOffAfter`, the bytes sent by
/// then) or after 80 MiB, past every limit of the gateway. The endless line is paced (64 KiB per
/// 2 ms): written at full speed it would sit in socket and writer buffers, and could be all
/// "sent" before the gateway had read its first MiB and hung up.
final class HostileUpstream: Sendable {
    static let nested = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    static let endlessLimit = 80 << 20

    /// Bytes written by the endless answer that was cut off, once the gateway hung up.
    let cutOffAfter = Mutex<Int?>(nil)

    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.post("/v1/chat/completions") { request, _ in try await self.answer(request) }
        router.post("/v1/messages") { request, _ in try await self.answer(request, dialect: .anthropic) }
        router.post("/v1beta/**") { request, _ in try await self.answer(request, dialect: .gemini) }
        return router
    }

    enum Dialect { case openAI, anthropic, gemini }

    private func answer(_ request: Request, dialect: Dialect = .openAI) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        let model =
            dialect == .gemini
            ? String(request.uri.path.split(separator: "/").last?.split(separator: ":").first ?? "")
            : (try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any])?["model"] as? String ?? ""
        let first =
            switch dialect {
            case .anthropic:
                #"event: message_start"# + "\n"
                    + #"data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],"usage":{"input_tokens":3,"output_tokens":0}}}"#
                    + "\n\n"
            case .gemini:
                #"data: {"candidates":[{"content":{"role":"model","parts":[{"text":"ok "}]},"index":0}]}"# + "\n\n"
            case .openAI:
                #"data: {"id":"s","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"ok "}}]}"# + "\n\n"
            }
        switch model {
        case "deep-json":
            return FakeUpstream.json(#"{"id":"x","object":"chat.completion","choices":[],"extra":\#(Self.nested)}"#)
        case "deep-error":
            return FakeUpstream.json(#"{"error":\#(Self.nested)}"#, status: .internalServerError)
        case "deep-event":
            return Self.stream { writer in
                try await writer.write(ByteBuffer(string: first))
                try await writer.write(ByteBuffer(string: "data: {\"type\":\"content_block_delta\",\"x\":" + Self.nested + "}\n\n"))
                return 0
            }
        case "endless-line":
            return Self.stream { writer in
                try await writer.write(ByteBuffer(string: first + "data: "))
                return try await self.endless(&writer, pause: .milliseconds(2))
            }
        case "endless-body":
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody { writer in
                    _ = try await self.endless(&writer)
                    try await writer.finish(nil)
                })
        default:
            return FakeUpstream.json(
                #"{"error":{"message":"unknown model \#(model)","type":"invalid_request_error"}}"#, status: .badRequest)
        }
    }

    /// `x` in 64 KiB writes until the client goes away or 80 MiB have gone out.
    private func endless(_ writer: inout any ResponseBodyWriter, pause: Duration = .zero) async throws -> Int {
        let piece = ByteBuffer(repeating: UInt8(ascii: "x"), count: 64 << 10)
        var sent = 0
        do {
            while sent < Self.endlessLimit {
                try await writer.write(piece)
                sent += piece.readableBytes
                if pause > .zero { try await Task.sleep(for: pause) }
            }
        } catch {
            cutOffAfter.withLock { $0 = sent }
            throw error
        }
        return sent
    }

    private static func stream(_ write: @escaping @Sendable (inout any ResponseBodyWriter) async throws -> Int) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/event-stream"],
            body: ResponseBody { writer in
                _ = try await write(&writer)
                try await writer.finish(nil)
            })
    }

    func run<T: Sendable>(_ body: @Sendable (Int) async throws -> T) async throws -> T {
        try await LocalServers.run(router(), body)
    }
}
