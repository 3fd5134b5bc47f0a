import BrokleCore

/// Turns a Responses API event stream into OpenAI `chat.completion.chunk`s, one event at a time,
/// for a provider that serves only `/responses` (``ResponsesOutbound``).
///
/// `response.created` gives the id, model and time every chunk carries, and the role chunk;
/// text, refusal and reasoning deltas become `content`, `refusal` and `reasoning_content` deltas;
/// a `function_call` output item opens a tool call (index, id, name) whose
/// `response.function_call_arguments.delta`s follow (a server that sends the arguments only whole,
/// in `.done`, has them sent then). `response.completed` or `.incomplete` ends the answer: the
/// finish chunk, the usage chunk when asked for, `[DONE]`. `response.failed` and `error` are
/// thrown, so the relay reports them in-band as for any provider; a stream that ends before a
/// terminal event was cut short.
struct ResponsesStreamMapping: StreamTranslator {
    let includeUsage: Bool
    private(set) var id: String
    private(set) var model: String
    private(set) var created: Int
    private var started = false
    /// Output index → tool call index (0, 1, ... in the order the calls start), and whether any
    /// of its arguments were sent.
    private var calls: [Int: (index: Int, sentArguments: Bool)] = [:]
    private(set) var isFinished = false

    init(fallbackID: String, model: String, created: Int, includeUsage: Bool) {
        self.id = fallbackID
        self.model = model
        self.created = created
        self.includeUsage = includeUsage
    }

    mutating func feed(_ data: String) throws(GatewayError) -> [String] {
        guard !isFinished, data != "[DONE]" else { return [] }
        guard let event = ResponsesJSON.object(ResponsesJSON.json(data.utf8)), let type = event["type"]?.stringValue else {
            throw .upstreamBadResponse("The provider sent a stream event Brokle could not read.")
        }
        switch type {
        case "response.created", "response.in_progress":
            if let response = ResponsesJSON.object(event["response"]) { adopt(response) }
            return start()
        case "response.output_text.delta":
            return delta(["content": event["delta"] ?? .string("")])
        case "response.refusal.delta":
            return delta(["refusal": event["delta"] ?? .string("")])
        case "response.reasoning_text.delta", "response.reasoning_summary_text.delta":
            return delta(["reasoning_content": event["delta"] ?? .string("")])
        case "response.output_item.added":
            let item = ResponsesJSON.object(event["item"]) ?? [:]
            guard item["type"]?.stringValue == "function_call", let output = event["output_index"]?.intValue else { return [] }
            let index = calls.count
            let arguments = item["arguments"]?.stringValue ?? ""
            calls[output] = (index, !arguments.isEmpty)
            var call =
                ResponsesJSON.object(
                    ResponsesOutbound.toolCall(
                        id: item["call_id"]?.stringValue ?? "", name: item["name"]?.stringValue ?? "", arguments: arguments)) ?? [:]
            call["index"] = .int(index)
            return delta(["tool_calls": .array([.object(call)])])
        case "response.function_call_arguments.delta":
            return arguments(event["delta"]?.stringValue, output: event["output_index"]?.intValue, whole: false)
        case "response.function_call_arguments.done":
            return arguments(event["arguments"]?.stringValue, output: event["output_index"]?.intValue, whole: true)
        case "response.completed", "response.incomplete":
            let response = ResponsesJSON.object(event["response"]) ?? [:]
            adopt(response)
            return finish(response)
        case "response.failed":
            isFinished = true
            let failure = ResponsesOutbound.Failure(ResponsesJSON.object(event["response"])?["error"])
            throw GatewayError.upstreamStreamError(code: failure.code, message: failure.message)
        case "error":
            isFinished = true
            let detail = ResponsesJSON.object(event["error"]) ?? event
            throw GatewayError.upstreamStreamError(
                code: detail["code"]?.stringValue ?? detail["type"]?.stringValue, message: detail["message"]?.stringValue)
        default:
            // Item and part boundaries, `.done` events repeating what the deltas said, hosted tools' progress.
            return []
        }
    }

    /// A Responses stream ends with a terminal event: one that ends before it was cut short.
    mutating func finish() throws(GatewayError) -> [String] {
        throw GatewayError.upstreamStreamBroken("The provider's stream ended before the response was complete.")
    }

    private mutating func adopt(_ response: [String: JSONValue]) {
        if let id = response["id"]?.stringValue, !id.isEmpty { self.id = id }
        if let model = response["model"]?.stringValue, !model.isEmpty { self.model = model }
        if let created = response["created_at"]?.intValue { self.created = created }
    }

    /// The role chunk, once.
    private mutating func start() -> [String] {
        guard !started else { return [] }
        started = true
        return [chunk(delta: ["role": .string("assistant"), "content": .string("")])]
    }

    private mutating func delta(_ delta: [String: JSONValue]) -> [String] {
        if delta.values.allSatisfy({ $0 == .string("") }) { return [] }
        return start() + [chunk(delta: delta)]
    }

    /// Arguments of the call at output index `output`: each delta, or the whole of them from
    /// `.done` when no delta carried any.
    private mutating func arguments(_ text: String?, output: Int?, whole: Bool) -> [String] {
        guard let text, !text.isEmpty, let output, let call = calls[output], !(whole && call.sentArguments) else { return [] }
        calls[output]?.sentArguments = true
        let fragment: JSONValue = .object(["index": .int(call.index), "function": .object(["arguments": .string(text)])])
        return delta(["tool_calls": .array([fragment])])
    }

    private mutating func finish(_ response: [String: JSONValue]) -> [String] {
        isFinished = true
        var payloads = start()
        payloads.append(chunk(delta: [:], finishReason: ResponsesOutbound.finishReason(response, hasToolCalls: !calls.isEmpty)))
        if includeUsage {
            payloads.append(
                head.usage(ResponsesOutbound.chatUsage(ResponsesJSON.object(response["usage"]) ?? [:]), encode: ResponsesJSON.encode))
        }
        payloads.append("[DONE]")
        return payloads
    }

    private var head: ChatChunk { ChatChunk(id: id, created: created, model: model) }

    private func chunk(delta: [String: JSONValue], finishReason: String? = nil) -> String {
        head.delta(delta, finishReason: finishReason, encode: ResponsesJSON.encode)
    }
}
