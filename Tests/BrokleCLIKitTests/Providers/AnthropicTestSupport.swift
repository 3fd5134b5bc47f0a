@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import Hummingbird
import NIOCore
import ServiceLifecycle
import Synchronization

/// The recorded Anthropic fixtures (Tests/Fixtures/anthropic) and helpers to compare JSON by meaning.
enum AnthropicFixtures {
    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: Repository.root.appendingPathComponent("Tests/Fixtures/anthropic/\(name)")))
    }

    static func text(_ name: String) throws -> String {
        try Repository.text("Tests/Fixtures/anthropic/\(name)")
    }

    static func json(_ name: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(try bytes(name)))
    }

    static func json(_ bytes: some Collection<UInt8>) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    /// SSE payloads as JSON, `[DONE]` kept as the string "[DONE]".
    static func payloads(_ events: [String]) throws -> [JSONValue] {
        try events.map { $0 == "[DONE]" ? .string("[DONE]") : try json(Array($0.utf8)) }
    }

    /// `text` cut into pieces of `size` bytes, wherever that falls (inside a line, a JSON string or
    /// a multi-byte character), as an upstream might deliver it.
    static func pieces(_ text: String, size: Int = 7) -> [ByteBuffer] {
        let bytes = Array(text.utf8)
        return stride(from: 0, to: bytes.count, by: size).map { ByteBuffer(bytes: bytes[$0..<min($0 + size, bytes.count)]) }
    }

    /// Named SSE events (`event:` and `data:` lines), the data as JSON.
    static func namedEvents(_ text: String) throws -> [(name: String, data: JSONValue)] {
        try text.components(separatedBy: "\n\n").filter { !$0.isEmpty }.map { block in
            var name = ""
            var data = ""
            for line in block.split(separator: "\n") {
                if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                if line.hasPrefix("data: ") { data = String(line.dropFirst(6)) }
            }
            return (name, try json(Array(data.utf8)))
        }
    }
}

/// Buffers released one by one, like a response body.
struct ByteChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let chunks: [ByteBuffer]

    struct AsyncIterator: AsyncIteratorProtocol {
        var remaining: ArraySlice<ByteBuffer>
        mutating func next() async throws -> ByteBuffer? { remaining.popFirst() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(remaining: chunks[...]) }
}

/// A local server speaking the Anthropic Messages API from the fixtures. The model chooses the
/// behaviour: `overloaded` answers 529 with an error quoting the key, `broken` starts a stream and
/// stops halfway, `stream-error` streams a few events and then an `error` event; a model ending in `-text` answers the text message (with cache read and write
/// usage), one ending in `-tools` streams the tool-use transcript; otherwise a tool-use message, or
/// the text stream in 7-byte pieces. It also answers `/v1/chat/completions` with the tool-use
/// message or transcript as its adapter translates them into OpenAI's format, so a test can send an
/// Anthropic client the same answer through translation (an OpenAI-compatible upstream). A model
/// ending in `-agent` plays one turn of an agent loop (``agentTurn(_:)``).
final class FakeAnthropic: Sendable {
    struct Seen: Sendable {
        var paths: [String] = []
        var methods: [String] = []
        var headers: [[String: String]] = []
        var bodies: [JSONValue] = []
    }

    let seen = Mutex(Seen())
    static let key = "sk-ant-test-secret-456"

    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.post("/v1/messages") { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            let json = try AnthropicFixtures.json(body.readableBytesView)
            self.seen.withLock {
                $0.paths.append(request.uri.path)
                $0.methods.append(request.method.rawValue)
                $0.headers.append(Dictionary(request.headers.map { ($0.name.canonicalName, $0.value) }, uniquingKeysWith: { $1 }))
                $0.bodies.append(json)
            }
            switch json["model"]?.stringValue {
            case "overloaded":
                return Self.response(
                    .init(code: 529), #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded for key \#(Self.key)"}}"#)
            case "stream-error":
                return Self.stream(AnthropicFixtures.pieces(try AnthropicFixtures.text("anthropic-stream-error.sse")))
            case "broken":
                let transcript = try AnthropicFixtures.text("anthropic-stream-text.sse")
                return Self.stream(AnthropicFixtures.pieces(String(transcript.prefix(600))))
            case let model? where model.hasSuffix("-plain"):
                // Text only (no thinking): an answer the response cache may keep.
                guard json["stream"]?.boolValue == true else { return Self.response(.ok, Self.plainMessage) }
                return Self.stream(AnthropicFixtures.pieces(Self.plainStream))
            case let model? where model.hasSuffix("-agent"):
                return Self.agentTurn(json)
            case let model? where model.hasSuffix("-text") && json["stream"]?.boolValue != true:
                return Self.response(.ok, try AnthropicFixtures.text("anthropic-response-text.json"))
            case let model? where model.hasSuffix("-tools") && json["stream"]?.boolValue == true:
                return Self.stream(AnthropicFixtures.pieces(try AnthropicFixtures.text("anthropic-stream-tools.sse")))
            default:
                guard json["stream"]?.boolValue == true else {
                    return Self.response(.ok, try AnthropicFixtures.text("anthropic-response-tools.json"))
                }
                return Self.stream(AnthropicFixtures.pieces(try AnthropicFixtures.text("anthropic-stream-text.sse")))
            }
        }
        router.post("/v1/chat/completions") { request, _ in
            var request = request
            let json = try AnthropicFixtures.json(try await request.collectBody(upTo: 1 << 20).readableBytesView)
            guard json["stream"]?.boolValue == true else {
                return Self.response(.ok, try AnthropicFixtures.text("openai-response-tools.expected.json"))
            }
            let chunks = try AnthropicFixtures.json("openai-stream-tools.expected.json").elements
            let sse = chunks.map { chunk in
                let data = chunk == .string("[DONE]") ? "[DONE]" : String(decoding: AnthropicWire.encode(chunk), as: UTF8.self)
                return "data: \(data)\n\n"
            }
            return Self.stream(AnthropicFixtures.pieces(sse.joined()))
        }
        return router
    }

    static let plainMessage =
        #"{"id":"msg_plain","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[{"type":"text","text":"Hi there, friend."}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":11,"output_tokens":5}}"#

    static let plainStream = [
        (
            "message_start",
            #"{"type":"message_start","message":{"id":"msg_plain","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":11,"output_tokens":1}}}"#
        ),
        ("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi there, "}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"friend."}}"#),
        ("content_block_stop", #"{"type":"content_block_stop","index":0}"#),
        ("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":5}}"#),
        ("message_stop", #"{"type":"message_stop"}"#),
    ].map { "event: \($0.0)\ndata: \($0.1)\n\n" }.joined()

    static func response(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func stream(_ pieces: [ByteBuffer]) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/event-stream"],
            body: ResponseBody { writer in
                for piece in pieces { try await writer.write(piece) }
                try await writer.finish(nil)
            })
    }

    /// Runs the server on a free port for the duration of `body`.
    func run<T: Sendable>(_ body: @Sendable (Int) async throws -> T) async throws -> T {
        try await LocalServers.run(router(), body)
    }
}
