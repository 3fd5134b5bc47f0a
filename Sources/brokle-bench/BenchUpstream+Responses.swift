import Hummingbird
import NIOCore

/// `/v1/responses` on the bench upstream, for a provider that speaks OpenAI's Responses API
/// (`responses_api: true`): a fixed response object, or a stream of the events OpenAI sends for a
/// text answer, its `--chunks` text deltas `--chunk-interval-ms` apart, built once at start.
extension BenchUpstream {
    static let response = ByteBuffer(
        string:
            #"{"id":"resp_bench","object":"response","created_at":1,"status":"completed","model":"bench","output":[{"type":"message","id":"msg_bench","status":"completed","role":"assistant","content":[{"type":"output_text","text":"The quick brown fox jumps over the lazy dog.","annotations":[]}]}],"usage":{"input_tokens":12,"output_tokens":10,"total_tokens":22}}"#
    )

    /// The events of a streamed answer: those before the deltas, the deltas, those after.
    static func responseEvents(chunks: Int) -> (head: [ByteBuffer], deltas: [ByteBuffer], tail: [ByteBuffer]) {
        var sequence = 0
        func event(_ type: String, _ fields: String) -> ByteBuffer {
            defer { sequence += 1 }
            return ByteBuffer(string: "event: \(type)\ndata: {\"type\":\"\(type)\",\"sequence_number\":\(sequence),\(fields)}\n\n")
        }
        func response(_ status: String, output: String, usage: String) -> String {
            #""response":{"id":"resp_bench","object":"response","created_at":1,"status":"\#(status)","model":"bench","output":[\#(output)],"usage":\#(usage)}"#
        }
        let item = #""item_id":"msg_bench","output_index":0,"content_index":0"#
        let text = String(repeating: " word", count: chunks)
        let message =
            #"{"type":"message","id":"msg_bench","status":"completed","role":"assistant","content":"#
            + #"[{"type":"output_text","text":"\#(text)","annotations":[]}]}"#
        let head = [
            event("response.created", response("in_progress", output: "", usage: "null")),
            event("response.in_progress", response("in_progress", output: "", usage: "null")),
            event(
                "response.output_item.added",
                #""output_index":0,"item":{"type":"message","id":"msg_bench","status":"in_progress","role":"assistant","content":[]}"#),
            event("response.content_part.added", item + #","part":{"type":"output_text","text":"","annotations":[]}"#),
        ]
        let deltas = (0..<chunks).map { _ in event("response.output_text.delta", item + #","delta":" word","logprobs":[]"#) }
        let tail = [
            event("response.output_text.done", item + #","text":"\#(text)","logprobs":[]"#),
            event("response.content_part.done", item + #","part":{"type":"output_text","text":"\#(text)","annotations":[]}"#),
            event("response.output_item.done", #""output_index":0,"item":\#(message)"#),
            event(
                "response.completed",
                response(
                    "completed", output: message,
                    usage: #"{"input_tokens":12,"output_tokens":\#(chunks),"total_tokens":\#(12 + chunks)}"#)),
        ]
        return (head, deltas, tail)
    }

    /// Answers `/v1/responses` on `router`.
    func routeResponses(_ router: Router<BasicRequestContext>, interval: Duration) {
        let events = Self.responseEvents(chunks: chunks)
        router.post("/v1/responses") { request, _ -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            guard body.readableBytesView.firstRange(of: Array(#""stream":true"#.utf8)) != nil else {
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: Self.response))
            }
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream"],
                body: ResponseBody { writer in
                    for event in events.head { try await writer.write(event) }
                    for delta in events.deltas {
                        if interval > .zero { try await Task.sleep(for: interval) }
                        try await writer.write(delta)
                    }
                    for event in events.tail { try await writer.write(event) }
                    try await writer.finish(nil)
                })
        }
    }
}
