@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import Hummingbird
import NIOCore
import ServiceLifecycle
import Synchronization

/// Fixtures under Tests/Fixtures/gemini and semantic JSON comparison for the Gemini tests.
enum GeminiFixtures {
    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: Repository.root.appendingPathComponent("Tests/Fixtures/gemini/\(name)"))
    }

    static func json(_ name: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data(name))
    }

    static func json(_ bytes: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: bytes)
    }

    /// The events of an SSE text, each decoded as JSON (`[DONE]` kept as a string).
    static func events(_ text: some Sequence<UInt8>) throws -> [JSONValue] {
        var parser = SSEParser()
        let events = try parser.feed(text) + parser.finish()
        return try events.map { $0 == "[DONE]" ? .string("[DONE]") : try json(Data($0.utf8)) }
    }
}

/// A local server standing in for the Gemini API: it records each call and answers from the
/// fixtures. The model in the path chooses the answer: `fail-429` answers the quota error;
/// `fail-503` an overload error whose message quotes the API key;
/// `:generateContent` the tool-call response; `:streamGenerateContent?alt=sse` the tool-call
/// transcript, written in small pieces; `:batchEmbedContents` two embeddings.
final class FakeGemini: Sendable {
    struct Call: Sendable {
        var method: String
        var path: String
        var query: String?
        var apiKey: String?
        var authorization: String?
        var body: String
    }

    let calls = Mutex<[Call]>([])
    static let apiKey = "AIza-test-key-0123456789"

    func router() throws -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        let response = try GeminiFixtures.data("chat-response.gemini.json")
        let transcript = try GeminiFixtures.data("stream-tools.gemini.sse")
        let quota = try GeminiFixtures.data("error-429.gemini.json")
        router.post("**") { request, _ in
            var request = request
            let body = String(buffer: try await request.collectBody(upTo: 1 << 20))
            let path = request.uri.path
            self.calls.withLock {
                $0.append(
                    Call(
                        method: request.method.rawValue, path: path, query: request.uri.query,
                        apiKey: request.headers.first { $0.name.canonicalName == "x-goog-api-key" }?.value,
                        authorization: request.headers[.authorization], body: body
                    ))
            }
            if path.contains("fail-429") { return Self.json(quota, status: .tooManyRequests) }
            if path.contains("fail-503") {
                let overloaded =
                    #"{"error":{"code":503,"message":"The model is overloaded (key \#(Self.apiKey)).","status":"UNAVAILABLE"}}"#
                return Self.json(Data(overloaded.utf8), status: .serviceUnavailable)
            }
            if path.hasSuffix(":generateContent") { return Self.json(response) }
            if path.hasSuffix(":batchEmbedContents") {
                return Self.json(Data(#"{"embeddings":[{"values":[0.25,-0.5]},{"values":[1,0]}]}"#.utf8))
            }
            if path.hasSuffix(":streamGenerateContent"), request.uri.query == "alt=sse" {
                return Response(
                    status: .ok, headers: [.contentType: "text/event-stream"],
                    body: ResponseBody { writer in
                        var offset = 0
                        while offset < transcript.count {
                            let end = min(offset + 50, transcript.count)
                            try await writer.write(ByteBuffer(bytes: transcript[offset..<end]))
                            offset = end
                        }
                        try await writer.finish(nil)
                    })
            }
            return Self.json(Data(#"{"error":{"code":404,"message":"not found","status":"NOT_FOUND"}}"#.utf8), status: .notFound)
        }
        return router
    }

    static func json(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Runs the server on a free port for the duration of `body`.
    func run<T: Sendable>(_ body: @Sendable (Int) async throws -> T) async throws -> T {
        try await LocalServers.run(try router(), body)
    }
}
