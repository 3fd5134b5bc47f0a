import BrokleCore
import BrokleProviders
import Foundation

/// A stream's events screened on their way to the client, in the provider's format (before the
/// client's dialect encodes them, so a translated stream and a passed-through one are screened
/// alike, and the Responses API keeps what the client saw). The model's text deltas — OpenAI's
/// `delta.content` and tool-call `arguments`, Anthropic's `text_delta` and `input_json_delta`,
/// the Responses API's `output_text` and `function_call_arguments` deltas — each go through a
/// ``GuardrailTextStream``; what one holds back goes out with its next delta, or, when that text
/// ends, in the event that ends it (OpenAI: the chunk with its `finish_reason`) or in one more
/// delta event just before it (Anthropic, Responses: their sequence numbers follow). Every other
/// event's text (a Responses `…done` event repeats the whole text) is screened whole.
struct GuardrailStreamScreen: Sendable {
    let format: WireFormat
    private var session: GuardrailSession
    private var channels: [String: Channel] = [:]
    /// Responses events inserted so far: later sequence numbers move up by as many.
    private var inserted = 0
    /// The last OpenAI chunk, the shape of one made to carry what is left at the end.
    private var lastChunk: [String: JSONValue]?

    /// One text being streamed, with the last event that carried it (the shape of one more).
    private struct Channel: Sendable {
        var text = GuardrailTextStream()
        /// The last event that carried it, decoded only if one more must be made from it.
        var template: Template
        var field: [JSONPathElement]
    }

    private enum Template: Sendable {
        case decoded([String: JSONValue])
        case raw(String)

        var object: [String: JSONValue]? {
            switch self {
            case .decoded(let object): object
            case .raw(let text): GuardrailStreamScreen.decode(text)
            }
        }
    }

    /// Strings of a delta event that are not text: read past without decoding.
    static let deltaSkipped: Set<String> = GuardrailSession.answerSkipped.union(["item_id", "obfuscation", "logprobs"])

    init(format: WireFormat, session: GuardrailSession) {
        self.format = format
        self.session = session
    }

    /// What was counted on the way back (output rules).
    var tally: GuardrailTally { session.tally }

    /// The events to relay for one upstream event named `name`, with their names.
    mutating func process(_ event: String, name: String?) -> [(event: String, name: String?)] {
        named(process(event), original: event, name: name)
    }

    /// Names for what ``process(_:)`` made: the upstream event's own, or (an inserted delta)
    /// its `type`, as the SSE `event:` line of Anthropic's and the Responses API's streams says.
    private func named(_ events: [String], original: String, name: String?) -> [(event: String, name: String?)] {
        guard events.count > 1 else { return events.map { ($0, name) } }
        return events.enumerated().map { position, event in
            guard position < events.count - 1, format != .openAIChat else { return (event, name) }
            return (event, Self.type(of: event))
        }
    }

    private static func type(of event: String) -> String? {
        guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, fromUntrusted: Array(event.utf8)),
            case .string(let type)? = object["type"]
        else { return nil }
        return type
    }

    /// The events to relay for one upstream event.
    mutating func process(_ event: String) -> [String] {
        if event == "[DONE]" { return flushAll() + [event] }
        if let fast = delta(event) { return [fast] }
        guard var object = Self.decode(event) else { return [event] }
        var before: [String] = []
        var changed = false
        switch format {
        case .openAIChat: changed = chatChunk(&object)
        case .anthropicMessages: changed = anthropicEvent(&object, before: &before)
        case .openAIResponses: changed = responsesEvent(&object, before: &before)
        }
        if format == .openAIResponses, inserted > 0, case .int(let number)? = object["sequence_number"] {
            object["sequence_number"] = .int(number + inserted)
            changed = true
        }
        return before + [changed ? Self.text(object) : event]
    }

    /// What is still held when the stream ends without the event that would carry it.
    mutating func flushAll() -> [String] {
        var out: [String] = []
        for name in channels.keys.sorted() { if let event = flushEvent(name) { out.append(event) } }
        return out
    }

    static func decode(_ event: String) -> [String: JSONValue]? {
        guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, fromUntrusted: Array(event.utf8)) else { return nil }
        return object
    }

    // MARK: - Text deltas, the bulk of a stream

    /// A text-delta event screened where it lies, byte for byte but for the text (no JSON decoded
    /// or encoded); nil when the event is not one, or needs its structure changed (an OpenAI chunk
    /// that ends its choice, a Responses event whose sequence number moves).
    private mutating func delta(_ event: String) -> String? {
        let bytes = Array(event.utf8)
        var channel: (name: String, field: [JSONPathElement])?
        switch format {
        case .openAIChat:
            guard !event.contains(#""finish_reason":""#) else { return nil }
        case .anthropicMessages:
            guard event.contains(#""content_block_delta""#), let inspector = try? RequestInspector(bytes),
                inspector.string("type") == "content_block_delta", let index = inspector.int("index")
            else { return nil }
            channel = ("b\(index)", [])
        case .openAIResponses:
            guard inserted == 0, event.contains(".delta\""), let inspector = try? RequestInspector(bytes),
                let type = inspector.string("type")
            else { return nil }
            let item = inspector.string("item_id") ?? ""
            if type == "response.output_text.delta" {
                channel = ("text:\(item):\(inspector.int("content_index") ?? 0)", [.key("delta")])
            } else if type == "response.function_call_arguments.delta" {
                channel = ("args:\(item)", [.key("delta")])
            } else {
                return nil
            }
        }
        var session = self.session
        var channels = self.channels
        let profile = session.profile
        let screen = profile.output.isOff ? nil : profile.output
        func feed(_ name: String, _ text: String, field: [JSONPathElement]) -> String {
            var open = channels[name] ?? Channel(template: .raw(event), field: field)
            open.template = .raw(event)
            // Taken out while they change (a captured variable is one access as a whole), and not
            // copied: nothing else holds them meanwhile.
            var masker = session.masker
            var tally = session.tally
            (session.masker, session.tally) = (GuardrailMasker(), GuardrailTally())
            let released = open.text.feed(text, screen: screen, masker: &masker, restore: profile.policy.restore, tally: &tally)
            (session.masker, session.tally) = (masker, tally)
            channels[name] = open
            return released
        }
        let rewritten = JSONStringRewriter.rewrite(bytes, skipping: Self.deltaSkipped) { path, text in
            switch format {
            case .openAIChat:
                if path.count == 4, case .index(let choice) = path[1], path[2] == .key("delta"), path[3] == .key("content") {
                    return feed("c\(choice)", text, field: [.key("content")])
                }
                if path.count == 7, case .index(let choice) = path[1], path[3] == .key("tool_calls"), case .index(let call) = path[4],
                    path[6] == .key("arguments")
                {
                    return feed("t\(choice).\(call)", text, field: [])
                }
            case .anthropicMessages:
                if let channel, path.count == 2, path[0] == .key("delta"), path[1] == .key("text") || path[1] == .key("partial_json") {
                    return feed(channel.name, text, field: path)
                }
            case .openAIResponses:
                if let channel, path == channel.field { return feed(channel.name, text, field: channel.field) }
            }
            return session.screenAnswerText(text)
        }
        self.session = session
        self.channels = channels
        guard let rewritten else { return event }
        return String(decoding: rewritten, as: UTF8.self)
    }

    // MARK: - OpenAI chat chunks

    private mutating func chatChunk(_ chunk: inout [String: JSONValue]) -> Bool {
        guard case .array(var choices)? = chunk["choices"] else { return screenWhole(&chunk) }
        var changed = false
        for position in choices.indices {
            guard case .object(var choice) = choices[position], case .int(let index)? = choice["index"] else { continue }
            var delta: [String: JSONValue] = [:]
            if case .object(let found)? = choice["delta"] { delta = found }
            if case .string(let content)? = delta["content"] {
                delta["content"] = .string(feed("c\(index)", content, template: chunk, field: [.key("content")]))
                changed = true
            }
            if case .array(var calls)? = delta["tool_calls"] {
                for call in calls.indices {
                    guard case .object(var object) = calls[call], case .int(let callIndex)? = object["index"],
                        case .object(var function)? = object["function"], case .string(let arguments)? = function["arguments"]
                    else { continue }
                    function["arguments"] = .string(feed("t\(index).\(callIndex)", arguments, template: chunk, field: []))
                    object["function"] = .object(function)
                    calls[call] = .object(object)
                }
                delta["tool_calls"] = .array(calls)
                changed = true
            }
            if let reason = choice["finish_reason"], reason != .null {
                // The text of this choice has ended: what is held goes in this chunk.
                if let rest = flush("c\(index)"), !rest.isEmpty {
                    if case .string(let content)? = delta["content"] {
                        delta["content"] = .string(content + rest)
                    } else {
                        delta["content"] = .string(rest)
                    }
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

    private mutating func anthropicEvent(_ event: inout [String: JSONValue], before: inout [String]) -> Bool {
        guard case .string(let type)? = event["type"] else { return false }
        switch type {
        case "content_block_delta":
            guard case .int(let index)? = event["index"], case .object(var delta)? = event["delta"],
                case .string(let kind)? = delta["type"]
            else { return false }
            let field = kind == "text_delta" ? "text" : kind == "input_json_delta" ? "partial_json" : nil
            guard let field, case .string(let text)? = delta[field] else { return false }
            delta[field] = .string(feed("b\(index)", text, template: event, field: [.key("delta"), .key(field)]))
            event["delta"] = .object(delta)
            return true
        case "content_block_stop":
            if case .int(let index)? = event["index"], let held = flushEvent("b\(index)") { before.append(held) }
            return false
        case "message_stop":
            before += flushAll()
            return false
        case "message_delta", "message_start", "ping":
            return false
        default:
            return screenWhole(&event)
        }
    }

    // MARK: - Responses API events

    private mutating func responsesEvent(_ event: inout [String: JSONValue], before: inout [String]) -> Bool {
        guard case .string(let type)? = event["type"] else { return false }
        let item: String
        if case .string(let id)? = event["item_id"] { item = id } else { item = "" }
        let part: Int
        if case .int(let index)? = event["content_index"] { part = index } else { part = 0 }
        switch type {
        case "response.output_text.delta", "response.function_call_arguments.delta":
            guard case .string(let text)? = event["delta"] else { return false }
            let name = type == "response.output_text.delta" ? "text:\(item):\(part)" : "args:\(item)"
            event["delta"] = .string(feed(name, text, template: event, field: [.key("delta")]))
            return true
        case "response.output_text.done", "response.function_call_arguments.done":
            let name = type == "response.output_text.done" ? "text:\(item):\(part)" : "args:\(item)"
            if let held = flushEvent(name) { before.append(held) }
            return screenWhole(&event)
        case "response.completed", "response.incomplete", "response.failed":
            before += flushAll()
            return screenWhole(&event)
        default:
            return screenWhole(&event)
        }
    }

    // MARK: - Channels

    /// `delta` of channel `name` through its text stream: what can go now.
    private mutating func feed(_ name: String, _ delta: String, template: [String: JSONValue], field: [JSONPathElement]) -> String {
        var channel = channels[name] ?? Channel(template: .decoded(template), field: field)
        channel.template = .decoded(template)
        let profile = session.profile
        let released = channel.text.feed(
            delta, screen: profile.output.isOff ? nil : profile.output, masker: &session.masker, restore: profile.policy.restore,
            tally: &session.tally)
        channels[name] = channel
        return released
    }

    /// Everything channel `name` still holds (nil: nothing), and the channel closed.
    private mutating func flush(_ name: String) -> String? {
        guard var channel = channels.removeValue(forKey: name), channel.text.isHolding else { return nil }
        let profile = session.profile
        return channel.text.flush(
            screen: profile.output.isOff ? nil : profile.output, masker: &session.masker, restore: profile.policy.restore,
            tally: &session.tally)
    }

    /// One more event carrying what channel `name` still holds, shaped like its last delta.
    private mutating func flushEvent(_ name: String) -> String? {
        guard let channel = channels[name], let rest = flush(name), !rest.isEmpty else { return nil }
        switch format {
        case .openAIChat:
            guard var chunk = lastChunk ?? channel.template.object else { return nil }
            let parts = name.dropFirst().split(separator: ".").compactMap { Int($0) }
            guard let choice = parts.first else { return nil }
            var delta: [String: JSONValue] = [:]
            if name.hasPrefix("c") {
                delta["content"] = .string(rest)
            } else if parts.count == 2 {
                delta["tool_calls"] = .array([.object(["index": .int(parts[1]), "function": .object(["arguments": .string(rest)])])])
            }
            chunk["choices"] = .array([.object(["index": .int(choice), "delta": .object(delta), "finish_reason": .null])])
            chunk["usage"] = nil
            return Self.text(chunk)
        case .anthropicMessages, .openAIResponses:
            guard var event = channel.template.object else { return nil }
            Self.set(&event, at: channel.field, to: .string(rest))
            if format == .openAIResponses, case .int(let number)? = event["sequence_number"] {
                inserted += 1
                event["sequence_number"] = .int(number + inserted)
            }
            return Self.text(event)
        }
    }

    /// Every string of `object` outside the answer's skipped fields, screened whole.
    private mutating func screenWhole(_ object: inout [String: JSONValue]) -> Bool {
        var session = self.session
        let bytes = CanonicalJSON.bytes(.object(object))
        let rewritten = JSONStringRewriter.rewrite(bytes, skipping: GuardrailSession.answerSkipped) { _, text in
            session.screenAnswerText(text)
        }
        self.session = session
        guard let rewritten, case .object(let screened)? = try? JSONDecoder().decode(JSONValue.self, fromUntrusted: rewritten) else {
            return false
        }
        object = screened
        return true
    }

    private static func set(_ object: inout [String: JSONValue], at path: [JSONPathElement], to value: JSONValue) {
        guard case .key(let key)? = path.first else { return }
        if path.count == 1 {
            object[key] = value
        } else if case .object(var inner)? = object[key] {
            set(&inner, at: Array(path.dropFirst()), to: value)
            object[key] = .object(inner)
        }
    }

    private static func text(_ object: [String: JSONValue]) -> String {
        String(decoding: CanonicalJSON.bytes(.object(object)), as: UTF8.self)
    }
}
