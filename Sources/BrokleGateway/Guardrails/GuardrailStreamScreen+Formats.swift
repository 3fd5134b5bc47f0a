import BrokleCore
import BrokleProviders

/// The events that end a text, decoded, one function per wire format: OpenAI's chunk with a
/// `finish_reason` (what its choice's texts hold goes in it), Anthropic's `content_block_stop` and
/// `message_stop`, the Responses API's `…done` and terminal events (one more delta goes before).
extension GuardrailStreamScreen {
    // MARK: - OpenAI chat chunks

    mutating func chatChunk(_ chunk: inout [String: JSONValue]) -> Bool {
        guard case .array(var choices)? = chunk["choices"] else { return screenWhole(&chunk) }
        var changed = false
        for position in choices.indices {
            guard case .object(var choice) = choices[position], case .int(let index)? = choice["index"] else { continue }
            var delta: [String: JSONValue] = [:]
            if case .object(let found)? = choice["delta"] { delta = found }
            if case .string(let content)? = delta["content"] {
                delta["content"] = .string(feed("c\(index)", content, template: chunk, field: [], inJSON: false))
                changed = true
            }
            if case .array(var calls)? = delta["tool_calls"] {
                for call in calls.indices {
                    guard case .object(var object) = calls[call], case .int(let callIndex)? = object["index"],
                        case .object(var function)? = object["function"], case .string(let arguments)? = function["arguments"]
                    else { continue }
                    function["arguments"] = .string(feed("t\(index).\(callIndex)", arguments, template: chunk, field: [], inJSON: true))
                    object["function"] = .object(function)
                    calls[call] = .object(object)
                }
                delta["tool_calls"] = .array(calls)
                changed = true
            }
            if let reason = choice["finish_reason"], reason != .null {
                // The choice has ended: what its texts hold goes in this chunk.
                if let rest = flush("c\(index)"), !rest.isEmpty {
                    delta["content"] = .string((delta["content"]?.stringValue ?? "") + rest)
                    changed = true
                }
                for name in channels.keys.sorted() where name.hasPrefix("t\(index).") {
                    guard let rest = flush(name), !rest.isEmpty, let callIndex = Int(name.dropFirst("t\(index).".count)) else { continue }
                    var calls: [JSONValue] = []
                    if case .array(let existing)? = delta["tool_calls"] { calls = existing }
                    calls.append(.object(["index": .int(callIndex), "function": .object(["arguments": .string(rest)])]))
                    delta["tool_calls"] = .array(calls)
                    changed = true
                }
            }
            if changed {
                choice["delta"] = .object(delta)
                choices[position] = .object(choice)
            }
        }
        if changed { chunk["choices"] = .array(choices) }
        lastChunk = chunk
        return changed
    }

    // MARK: - Anthropic events

    mutating func anthropicEvent(_ event: inout [String: JSONValue], before: inout [String]) -> Bool {
        guard case .string(let type)? = event["type"] else { return false }
        switch type {
        case "content_block_delta":
            guard case .int(let index)? = event["index"], case .object(var delta)? = event["delta"],
                case .string(let kind)? = delta["type"]
            else { return false }
            let field = kind == "text_delta" ? "text" : kind == "input_json_delta" ? "partial_json" : nil
            guard let field, case .string(let text)? = delta[field] else { return false }
            delta[field] = .string(
                feed("b\(index)", text, template: event, field: [.key("delta"), .key(field)], inJSON: field == "partial_json"))
            event["delta"] = .object(delta)
            return true
        case "content_block_stop":
            if case .int(let index)? = event["index"], let held = flushEvent("b\(index)", sequence: nil) { before.append(held) }
            return false
        case "message_stop":
            before += flushAll(sequence: nil)
            return false
        case "message_delta", "message_start", "ping":
            return false
        default:
            return screenWhole(&event)
        }
    }

    // MARK: - Responses API events

    mutating func responsesEvent(_ event: inout [String: JSONValue], sequence: Int?, before: inout [String]) -> Bool {
        guard case .string(let type)? = event["type"] else { return false }
        let item = event["item_id"]?.stringValue ?? ""
        let part = event["content_index"]?.intValue ?? 0
        switch type {
        case "response.output_text.delta", "response.function_call_arguments.delta":
            guard case .string(let text)? = event["delta"] else { return false }
            let text_ = type == "response.output_text.delta"
            let name = text_ ? "text:\(item):\(part)" : "args:\(item)"
            event["delta"] = .string(feed(name, text, template: event, field: [.key("delta")], inJSON: !text_))
            return true
        case "response.output_text.done", "response.function_call_arguments.done":
            let name = type == "response.output_text.done" ? "text:\(item):\(part)" : "args:\(item)"
            if let held = flushEvent(name, sequence: sequence) { before.append(held) }
            return screenWhole(&event)
        case "response.completed", "response.incomplete", "response.failed":
            before += flushAll(sequence: sequence)
            return screenWhole(&event)
        default:
            return screenWhole(&event)
        }
    }
}
