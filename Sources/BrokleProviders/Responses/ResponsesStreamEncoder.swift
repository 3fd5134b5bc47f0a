import BrokleCore

/// Turns an OpenAI chat chunk stream into the Responses event stream a Responses SDK expects, for
/// the gateway's `/v1/responses` endpoint. Feed it each chat SSE payload (chunk JSON or `[DONE]`)
/// and write the bytes it returns (`event: <type>\ndata: <json>\n\n`, zero or more events, each
/// with the next `sequence_number`).
///
/// Order: `response.created` and `response.in_progress` on the first chunk; per run of reasoning,
/// text or refusal, or per tool call, an output item with its content part(s), deltas and `.done`
/// events; then, on `[DONE]`, `response.completed` (or `response.incomplete`) carrying the whole
/// response, the same object ``ResponsesInbound/response(fromChatCompletion:context:)`` makes of
/// the same answer. Chat sends `finish_reason` before the usage chunk, so items close on the
/// finish reason and the response ends on `[DONE]`, usage in hand. No `[DONE]` goes to the client.
///
/// Tool calls stay open until other content, the finish reason or the end closes them: chat may
/// interleave fragments of several calls, and a call's arguments must be whole when it is done.
/// Memory: the text of the item being written, and the finished items the final response lists.
package struct ResponsesStreamEncoder: Sendable {
    let context: ResponsesContext
    var sequence = 0
    var started = false
    /// `output` by output index; an open item's slot holds its `in_progress` form until it closes.
    var output: [JSONValue] = []
    var message: OpenMessage?
    var reasoning: OpenReasoning?
    /// Chat tool call index → the open call.
    var calls: [Int: OpenCall] = [:]
    var finishReason: String?
    var usage: [String: JSONValue]?
    /// Set once a terminal event (`response.completed`, `.incomplete`, `.failed`) was written;
    /// later input is ignored.
    package private(set) var isFinished = false
    /// The final response object, as `response.completed` (or `.incomplete`) carried it; nil before
    /// that and for a failed stream. Encoded when asked for: only a response that is stored needs it.
    package var finalResponse: [UInt8]? { final.map(ResponsesJSON.encode) }
    private var final: JSONValue?

    package init(context: ResponsesContext) {
        self.context = context
    }

    /// The Responses events for one upstream chat SSE payload.
    package mutating func feed(_ chatEventData: String) -> [UInt8] {
        guard !isFinished else { return [] }
        if chatEventData == "[DONE]" { return complete() }
        if let event = fastTextDelta(chatEventData) { return event }
        guard let chunk = ResponsesJSON.object(ResponsesJSON.json(chatEventData.utf8)) else { return [] }
        if let error = ResponsesJSON.object(chunk["error"]) {
            // An in-band error (the relay's report of a broken upstream) ends the stream.
            let code = error["code"]?.stringValue ?? error["type"]?.stringValue
            return self.error(.upstreamStreamError(code: code, message: error["message"]?.stringValue))
        }
        var events = start()
        let choice = ResponsesJSON.object(ResponsesJSON.array(chunk["choices"])?.first) ?? [:]
        let delta = ResponsesJSON.object(choice["delta"]) ?? [:]
        if let text = delta["reasoning_content"]?.stringValue, !text.isEmpty { events += reasoningDelta(text) }
        if let signature = delta["reasoning_signature"]?.stringValue { reasoning?.signature = signature }
        if let text = delta["content"]?.stringValue, !text.isEmpty { events += messageDelta(text, part: .text) }
        if let text = delta["refusal"]?.stringValue, !text.isEmpty { events += messageDelta(text, part: .refusal) }
        for call in ResponsesJSON.array(delta["tool_calls"]) ?? [] {
            events += toolCallDelta(ResponsesJSON.object(call) ?? [:])
        }
        if let reason = choice["finish_reason"]?.stringValue {
            finishReason = reason
            events += closeAll(status: itemStatus)
        }
        if let usage = ResponsesJSON.object(chunk["usage"]) { self.usage = usage }
        return Self.bytes(events)
    }

    /// The upstream ended without `[DONE]`. After a finish reason the answer is whole (only the
    /// `[DONE]` line was lost) and ends as `[DONE]` would end it; before one it was cut short and
    /// ends with `response.failed`, what was written so far in its output as `incomplete` items.
    package mutating func finish() -> [UInt8] {
        guard !isFinished else { return [] }
        if finishReason != nil { return complete() }
        return fail(
            .upstreamStreamBroken("The provider's stream ended before the answer was complete."), withErrorEvent: false)
    }

    /// A failure after the response head went out: an `error` event, then `response.failed`.
    package mutating func error(_ error: GatewayError) -> [UInt8] {
        guard !isFinished else { return [] }
        return fail(error, withErrorEvent: true)
    }

    private var itemStatus: String {
        ResponsesOutput.Outcome(finishReason: finishReason).status
    }

    private mutating func start() -> [JSONValue] {
        guard !started else { return [] }
        started = true
        let response = context.responseObject(status: "in_progress", output: [], usage: .null)
        return [event("response.created", ["response": response]), event("response.in_progress", ["response": response])]
    }

    /// Closes what is open and writes `response.completed`, or `response.incomplete` when chat's
    /// finish reason says the answer was cut (token limit, content filter).
    private mutating func complete() -> [UInt8] {
        var events = start()
        let outcome = ResponsesOutput.Outcome(finishReason: finishReason)
        events += closeAll(status: outcome.status)
        let response = context.responseObject(
            status: outcome.status, incompleteReason: outcome.incompleteReason, output: output,
            usage: ResponsesOutput.usage(usage ?? [:]))
        events.append(event(outcome.status == "completed" ? "response.completed" : "response.incomplete", ["response": response]))
        isFinished = true
        final = response
        return Self.bytes(events)
    }

    private mutating func fail(_ error: GatewayError, withErrorEvent: Bool) -> [UInt8] {
        var events = start()
        if withErrorEvent {
            events.append(
                event(
                    "error",
                    [
                        "code": error.code.map(JSONValue.string) ?? .string(error.type), "message": .string(error.message),
                        "param": error.param.map(JSONValue.string) ?? .null,
                    ]))
        }
        let partial = openItems(status: "incomplete")
        var items = output
        for (index, item) in partial { items[index] = item }
        let detail: JSONValue = .object([
            "code": .string(error.status == 429 ? "rate_limit_exceeded" : "server_error"), "message": .string(error.message),
        ])
        let response = context.responseObject(
            status: "failed", output: items, usage: usage.map { ResponsesOutput.usage($0) } ?? .null, error: detail)
        events.append(event("response.failed", ["response": response]))
        isFinished = true
        return Self.bytes(events)
    }

    /// One event: its type, the next sequence number and `fields`.
    mutating func event(_ type: String, _ fields: [String: JSONValue]) -> JSONValue {
        var object = fields
        object["type"] = .string(type)
        object["sequence_number"] = .int(sequence)
        sequence += 1
        return .object(object)
    }

    private static func bytes(_ events: [JSONValue]) -> [UInt8] {
        var out: [UInt8] = []
        for event in events {
            out += Array("event: \(event["type"]?.stringValue ?? "")\ndata: ".utf8)
            out += ResponsesJSON.encode(event)
            out += Array("\n\n".utf8)
        }
        return out
    }
}
