@testable import BrokleCore
import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// A local server speaking OpenAI's Responses API at `/v1/responses`, as OpenAI documents it:
/// records each body it gets, answers a whole response (``whole``) or its event stream (``events``,
/// sent in 9-byte pieces), both with usage (31 in, 5 of them cached; 12 out, 4 of them reasoning).
final class FakeResponsesUpstream: Sendable {
    let bodies = Mutex<[JSONValue]>([])

    static let whole =
        #"{"id":"resp_upstream_1","object":"response","created_at":1741476542,"status":"completed","error":null,"incomplete_details":null,"model":"gpt-4.1-2025-04-14","output":[{"type":"message","id":"msg_up_1","status":"completed","role":"assistant","content":[{"type":"output_text","text":"In a shell.","annotations":[]}]}],"parallel_tool_calls":true,"store":true,"usage":{"input_tokens":31,"input_tokens_details":{"cached_tokens":5},"output_tokens":12,"output_tokens_details":{"reasoning_tokens":4},"total_tokens":43},"future_field":{"kept":true}}"#

    static let events: String = [
        (
            "response.created",
            #"{"type":"response.created","sequence_number":0,"response":{"id":"resp_upstream_2","object":"response","status":"in_progress","output":[]}}"#
        ),
        (
            "response.output_item.added",
            #"{"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"type":"message","id":"msg_up_2","status":"in_progress","role":"assistant","content":[]}}"#
        ),
        (
            "response.output_text.delta",
            #"{"type":"response.output_text.delta","sequence_number":2,"item_id":"msg_up_2","output_index":0,"content_index":0,"delta":"In a "}"#
        ),
        (
            "response.output_text.delta",
            #"{"type":"response.output_text.delta","sequence_number":3,"item_id":"msg_up_2","output_index":0,"content_index":0,"delta":"shell."}"#
        ),
        (
            "response.completed",
            #"{"type":"response.completed","sequence_number":4,"response":{"id":"resp_upstream_2","object":"response","status":"completed","model":"gpt-4.1","output":[{"type":"message","id":"msg_up_2","status":"completed","role":"assistant","content":[{"type":"output_text","text":"In a shell.","annotations":[]}]}],"usage":{"input_tokens":31,"input_tokens_details":{"cached_tokens":5},"output_tokens":12,"output_tokens_details":{"reasoning_tokens":4},"total_tokens":43}}}"#
        ),
    ].map { "event: \($0.0)\ndata: \($0.1)\n\n" }.joined()

    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.post("/v1/responses") { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            let json = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: body))
            self.bodies.withLock { $0.append(json) }
            guard json["stream"]?.boolValue == true else {
                return Response(
                    status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: Self.whole))
                )
            }
            let bytes = Array(Self.events.utf8)
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream"],
                body: ResponseBody { writer in
                    var start = 0
                    while start < bytes.count {
                        try await writer.write(ByteBuffer(bytes: bytes[start..<min(start + 9, bytes.count)]))
                        start += 9
                    }
                    try await writer.finish(nil)
                })
        }
        return router
    }

    func run<T: Sendable>(_ body: @Sendable (Int) async throws -> T) async throws -> T {
        try await LocalServers.run(router(), body)
    }
}
