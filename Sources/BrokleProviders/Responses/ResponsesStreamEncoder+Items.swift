import BrokleCore

/// The output items of ``ResponsesStreamEncoder``: opening one (`response.output_item.added` and
/// its content part), its deltas, and closing it (the `.done` events, with the whole text).
extension ResponsesStreamEncoder {
    /// The assistant message being written: its finished content parts and the open one.
    struct OpenMessage {
        enum Part { case text, refusal }
        var index: Int
        var id: String
        var parts: [JSONValue] = []
        var part: Part
        var text = ""
    }

    struct OpenReasoning {
        var index: Int
        var id: String
        var text = ""
        var signature: String?
    }

    struct OpenCall {
        var index: Int
        var id: String
        var callID: String
        var name: String
        var arguments = ""
    }

    mutating func reasoningDelta(_ text: String) -> [JSONValue] {
        var events: [JSONValue] = []
        if reasoning == nil {
            events += closeMessage(status: "completed") + closeCalls(status: "completed")
            let open = OpenReasoning(
                index: output.count, id: ResponsesOutput.itemID(.reasoning, responseID: context.id, index: output.count))
            output.append(ResponsesOutput.reasoning(id: open.id, text: nil))
            events.append(event("response.output_item.added", ["output_index": .int(open.index), "item": output[open.index]]))
            events.append(
                event(
                    "response.content_part.added",
                    [
                        "item_id": .string(open.id), "output_index": .int(open.index), "content_index": .int(0),
                        "part": Self.reasoningPart(""),
                    ]))
            reasoning = open
        }
        reasoning?.text += text
        guard let open = reasoning else { return events }
        events.append(
            event(
                "response.reasoning_text.delta",
                ["item_id": .string(open.id), "output_index": .int(open.index), "content_index": .int(0), "delta": .string(text)]))
        return events
    }

    /// Text or refusal: a part of the open message, opening the message (or a new part of it when
    /// the kind changes) as needed.
    mutating func messageDelta(_ text: String, part: OpenMessage.Part) -> [JSONValue] {
        var events: [JSONValue] = []
        if message == nil {
            events += closeReasoning() + closeCalls(status: "completed")
            let index = output.count
            let open = OpenMessage(index: index, id: ResponsesOutput.itemID(.message, responseID: context.id, index: index), part: part)
            output.append(ResponsesOutput.message(id: open.id, content: [], status: "in_progress"))
            events.append(event("response.output_item.added", ["output_index": .int(index), "item": output[index]]))
            events.append(partAdded(open))
            message = open
        } else if var open = message, open.part != part {
            events += closePart(&open)
            open.part = part
            events.append(partAdded(open))
            message = open
        }
        message?.text += text
        guard let open = message else { return events }
        var fields = Self.location(of: open)
        fields["delta"] = .string(text)
        if part == .text { fields["logprobs"] = .array([]) }
        events.append(event(part == .text ? "response.output_text.delta" : "response.refusal.delta", fields))
        return events
    }

    /// A chat tool call fragment: the first for an index (it carries id and name) opens a
    /// `function_call` item; argument pieces become `response.function_call_arguments.delta`s.
    mutating func toolCallDelta(_ call: [String: JSONValue]) -> [JSONValue] {
        let toolIndex = call["index"]?.intValue ?? 0
        let function = ResponsesJSON.object(call["function"]) ?? [:]
        var events: [JSONValue] = []
        if calls[toolIndex] == nil {
            events += closeReasoning() + closeMessage(status: "completed")
            let index = output.count
            let id = ResponsesOutput.itemID(.functionCall, responseID: context.id, index: index)
            let open = OpenCall(
                index: index, id: id, callID: call["id"]?.stringValue ?? "call_\(id)", name: function["name"]?.stringValue ?? "")
            output.append(ResponsesOutput.functionCall(id: id, callID: open.callID, name: open.name, arguments: "", status: "in_progress"))
            events.append(event("response.output_item.added", ["output_index": .int(index), "item": output[index]]))
            calls[toolIndex] = open
        }
        guard let arguments = function["arguments"]?.stringValue, !arguments.isEmpty, let open = calls[toolIndex] else { return events }
        calls[toolIndex]?.arguments += arguments
        events.append(
            event(
                "response.function_call_arguments.delta",
                ["item_id": .string(open.id), "output_index": .int(open.index), "delta": .string(arguments)]))
        return events
    }

    /// Closes every open item, in output order; `status` is that of the finished items.
    mutating func closeAll(status: String) -> [JSONValue] {
        closeReasoning() + closeMessage(status: status) + closeCalls(status: status)
    }

    /// The open items as they stand, for a failed response's output (no events: the stream ends).
    func openItems(status: String) -> [(Int, JSONValue)] {
        var items: [(Int, JSONValue)] = []
        if let open = reasoning {
            items.append((open.index, ResponsesOutput.reasoning(id: open.id, text: open.text, signature: open.signature)))
        }
        if let open = message {
            items.append((open.index, ResponsesOutput.message(id: open.id, content: open.parts + [Self.part(open)], status: status)))
        }
        for open in calls.values {
            items.append(
                (
                    open.index,
                    ResponsesOutput.functionCall(
                        id: open.id, callID: open.callID, name: open.name, arguments: open.arguments, status: status)
                ))
        }
        return items
    }

    private mutating func closeReasoning() -> [JSONValue] {
        guard let open = reasoning else { return [] }
        reasoning = nil
        let location: [String: JSONValue] = ["item_id": .string(open.id), "output_index": .int(open.index), "content_index": .int(0)]
        output[open.index] = ResponsesOutput.reasoning(id: open.id, text: open.text, signature: open.signature)
        return [
            event("response.reasoning_text.done", location.merging(["text": .string(open.text)]) { $1 }),
            event("response.content_part.done", location.merging(["part": Self.reasoningPart(open.text)]) { $1 }),
            event("response.output_item.done", ["output_index": .int(open.index), "item": output[open.index]]),
        ]
    }

    private mutating func closeMessage(status: String) -> [JSONValue] {
        guard var open = message else { return [] }
        message = nil
        var events = closePart(&open)
        output[open.index] = ResponsesOutput.message(id: open.id, content: open.parts, status: status)
        events.append(event("response.output_item.done", ["output_index": .int(open.index), "item": output[open.index]]))
        return events
    }

    private mutating func closeCalls(status: String) -> [JSONValue] {
        var events: [JSONValue] = []
        for open in calls.values.sorted(by: { $0.index < $1.index }) {
            output[open.index] = ResponsesOutput.functionCall(
                id: open.id, callID: open.callID, name: open.name, arguments: open.arguments, status: status)
            events.append(
                event(
                    "response.function_call_arguments.done",
                    [
                        "item_id": .string(open.id), "output_index": .int(open.index), "name": .string(open.name),
                        "arguments": .string(open.arguments),
                    ]))
            events.append(event("response.output_item.done", ["output_index": .int(open.index), "item": output[open.index]]))
        }
        calls = [:]
        return events
    }

    /// The open part's `.done` events; its text moves into the message's finished parts.
    private mutating func closePart(_ open: inout OpenMessage) -> [JSONValue] {
        var done = Self.location(of: open)
        let name = open.part == .text ? "response.output_text.done" : "response.refusal.done"
        if open.part == .text {
            done["text"] = .string(open.text)
            done["logprobs"] = .array([])
        } else {
            done["refusal"] = .string(open.text)
        }
        var partDone = Self.location(of: open)
        partDone["part"] = Self.part(open)
        open.parts.append(Self.part(open))
        open.text = ""
        return [event(name, done), event("response.content_part.done", partDone)]
    }

    private mutating func partAdded(_ open: OpenMessage) -> JSONValue {
        var fields = Self.location(of: open)
        fields["part"] = open.part == .text ? ResponsesOutput.textPart("") : ResponsesOutput.refusalPart("")
        return event("response.content_part.added", fields)
    }

    /// The open part as it stands.
    private static func part(_ open: OpenMessage) -> JSONValue {
        open.part == .text ? ResponsesOutput.textPart(open.text) : ResponsesOutput.refusalPart(open.text)
    }

    /// Where the open part is: `item_id`, `output_index`, `content_index`.
    private static func location(of open: OpenMessage) -> [String: JSONValue] {
        ["item_id": .string(open.id), "output_index": .int(open.index), "content_index": .int(open.parts.count)]
    }

    private static func reasoningPart(_ text: String) -> JSONValue {
        .object(["type": .string("reasoning_text"), "text": .string(text)])
    }
}
