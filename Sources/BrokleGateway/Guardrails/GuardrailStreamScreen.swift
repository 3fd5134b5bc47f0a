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
/// delta event just before it (Anthropic, Responses: later sequence numbers move up by one). Every
/// other event's text (a Responses `…done` event repeats the whole text) is screened whole.
///
/// The common event — one text delta — is screened where it lies, on its bytes; only the events
/// that end a text are decoded.
struct GuardrailStreamScreen: Sendable {
    let format: WireFormat
    private let profile: GuardrailProfile
    private var masker: GuardrailMasker
    /// What output rules did on the way back.
    private(set) var tally = GuardrailTally()
    private var channels: [String: Channel] = [:]
    /// Responses events inserted so far: later sequence numbers move up by as many.
    private var inserted = 0
    /// The last OpenAI chunk, the shape of one made to carry what is left at the end.
    private var lastChunk: [String: JSONValue]?

    /// One text being streamed, with the last event that carried it (the shape of one more).
    private struct Channel: Sendable {
        var text = GuardrailTextStream()
        var template: Template
        /// Where the text sits in `template`.
        var field: [JSONPathElement]
        /// The text is JSON being written (tool-call arguments): restored values go in escaped.
        var inJSON: Bool
    }

    /// The last event of a channel, decoded only if one more must be made from it.
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
    static let deltaFields = JSONStringRewriter.Fields(
        skipped: GuardrailSession.answerSkipped.union(["item_id", "obfuscation"]), freeForm: ["input"])

    init(format: WireFormat, profile: GuardrailProfile, masker: GuardrailMasker) {
        self.format = format
        self.profile = profile
        self.masker = masker
    }

    /// Whether text is waiting for a later event.
    var isHolding: Bool { channels.values.contains { $0.text.isHolding } }

    /// The events to relay for one upstream event named `name`, with their names: the event's
    /// own, or (an inserted delta) its `type`, as the SSE `event:` line of Anthropic's and the
    /// Responses API's streams says.
    mutating func process(_ event: String, name: String?) -> [(event: String, name: String?)] {
        let events = process(event)
        guard events.count > 1 else { return events.map { ($0, name) } }
        return events.enumerated().map { position, event in
            guard position < events.count - 1, format != .openAIChat else { return (event, name) }
            return (event, Self.decode(event)?["type"]?.stringValue)
        }
    }

    /// The events to relay for one upstream event.
    mutating func process(_ event: String) -> [String] {
        if event == "[DONE]" { return flushAll(sequence: nil) + [event] }
        if let screened = delta(event) { return [screened] }
        guard var object = Self.decode(event) else { return [event] }
        var before: [String] = []
        var changed = false
        let sequence = object["sequence_number"]?.intValue
        switch format {
        case .openAIChat: changed = chatChunk(&object)
        case .anthropicMessages: changed = anthropicEvent(&object, before: &before)
        case .openAIResponses: changed = responsesEvent(&object, sequence: sequence, before: &before)
        }
        if format == .openAIResponses, inserted > 0, let sequence {
            object["sequence_number"] = .int(sequence + inserted)
            changed = true
        }
        return before + [changed ? Self.text(object) : event]
    }

    /// Events carrying what is still held, for a stream that ends without the event that would
    /// carry it. `sequence`: the Responses sequence number the first of them takes (before the
    /// shift), when the event that ends the stream has one.
    mutating func flushAll(sequence: Int?) -> [String] {
        var out: [String] = []
        for name in channels.keys.sorted() { if let event = flushEvent(name, sequence: sequence) { out.append(event) } }
        return out
    }

    static func decode(_ event: String) -> [String: JSONValue]? {
        guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, fromUntrusted: Array(event.utf8)) else { return nil }
        return object
    }

    // MARK: - Text deltas, the bulk of a stream

    /// A text-delta event screened where it lies, byte for byte but for the text; nil when the
    /// event is not one, or needs its structure looked at: an OpenAI chunk that ends its choice,
    /// carries tool calls (named by their `index`) or is not choice 0; a Responses event whose
    /// sequence number moves.
    private mutating func delta(_ event: String) -> String? {
        let bytes = Array(event.utf8)
        var channel: (name: String, field: [JSONPathElement], inJSON: Bool)?
        switch format {
        case .openAIChat:
            guard !Self.endsChoice(bytes), !Self.has(bytes, #""tool_calls""#),
                Self.has(bytes, #""index":0"#) || Self.has(bytes, #""index": 0"#) || Self.has(bytes, #""choices":[]"#)
            else { return nil }
            channel = ("c0", [.key("choices"), .index(0), .key("delta"), .key("content")], false)
        case .anthropicMessages:
            guard Self.has(bytes, #""content_block_delta""#), let inspector = try? RequestInspector(bytes),
                inspector.string("type") == "content_block_delta", let index = inspector.int("index")
            else { return nil }
            if Self.has(bytes, #""text_delta""#) {
                channel = ("b\(index)", [.key("delta"), .key("text")], false)
            } else if Self.has(bytes, #""input_json_delta""#) {
                channel = ("b\(index)", [.key("delta"), .key("partial_json")], true)
            }
        case .openAIResponses:
            guard inserted == 0, Self.has(bytes, #".delta""#), let inspector = try? RequestInspector(bytes),
                let type = inspector.string("type")
            else { return nil }
            let item = inspector.string("item_id") ?? ""
            if type == "response.output_text.delta" {
                channel = ("text:\(item):\(inspector.int("content_index") ?? 0)", [.key("delta")], false)
            } else if type == "response.function_call_arguments.delta" {
                channel = ("args:\(item)", [.key("delta")], true)
            } else {
                return nil
            }
        }
        // Taken out while the walk changes them, so the closure's accesses are to variables of
        // its own (and nothing is copied on write).
        var channels: [String: Channel] = [:]
        var masker = GuardrailMasker()
        var tally = GuardrailTally()
        swap(&channels, &self.channels)
        swap(&masker, &self.masker)
        swap(&tally, &self.tally)
        let profile = self.profile
        let screen = profile.output.isOff ? nil : profile.output
        let outcome = JSONStringRewriter.rewriting(bytes, fields: Self.deltaFields) { path, text in
            if let channel, path == channel.field {
                var open = channels[channel.name] ?? Channel(template: .raw(event), field: channel.field, inJSON: channel.inJSON)
                open.template = .raw(event)
                let released = open.text.feed(
                    text, screen: screen, masker: &masker, restore: profile.policy.restore, inJSON: channel.inJSON, tally: &tally)
                channels[channel.name] = open
                return released
            }
            return GuardrailSession.screenAnswerText(
                text, profile: profile, inJSON: path.last == .key("arguments"), masker: &masker, tally: &tally)
        }
        swap(&channels, &self.channels)
        swap(&masker, &self.masker)
        swap(&tally, &self.tally)
        switch outcome {
        case .rewritten(let screened): return String(decoding: screened, as: UTF8.self)
        case .unchanged: return event
        case .unreadable: return nil
        }
    }

    /// Whether `bytes` hold `needle` (an event is a few hundred bytes: a plain search, nothing
    /// allocated).
    static func has(_ bytes: [UInt8], _ needle: StaticString) -> Bool {
        find(needle, in: bytes, from: 0) != nil
    }

    static func find(_ needle: StaticString, in bytes: [UInt8], from start: Int) -> Int? {
        needle.withUTF8Buffer { key -> Int? in
            guard !key.isEmpty, bytes.count >= key.count else { return nil }
            var index = start
            while index + key.count <= bytes.count {
                if bytes[index] == key[0] {
                    var offset = 1
                    while offset < key.count, bytes[index + offset] == key[offset] { offset += 1 }
                    if offset == key.count { return index }
                }
                index += 1
            }
            return nil
        }
    }

    /// Whether an OpenAI chunk has a `finish_reason` that is not null (spaces allowed around `:`).
    static func endsChoice(_ bytes: [UInt8]) -> Bool {
        var from = 0
        while let found = find(#""finish_reason""#, in: bytes, from: from) {
            var next = found + 15
            while next < bytes.count, bytes[next] == 0x20 || bytes[next] == UInt8(ascii: ":") { next += 1 }
            if next < bytes.count, bytes[next] != UInt8(ascii: "n") { return true }
            from = next
        }
        return false
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

    private mutating func anthropicEvent(_ event: inout [String: JSONValue], before: inout [String]) -> Bool {
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

    private mutating func responsesEvent(_ event: inout [String: JSONValue], sequence: Int?, before: inout [String]) -> Bool {
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

    // MARK: - Channels

    /// `delta` of channel `name` through its text stream: what can go now.
    private mutating func feed(
        _ name: String, _ delta: String, template: [String: JSONValue], field: [JSONPathElement], inJSON: Bool
    ) -> String {
        var channel = channels[name] ?? Channel(template: .decoded(template), field: field, inJSON: inJSON)
        channel.template = .decoded(template)
        let released = channel.text.feed(
            delta, screen: profile.output.isOff ? nil : profile.output, masker: &masker, restore: profile.policy.restore, inJSON: inJSON,
            tally: &tally)
        channels[name] = channel
        return released
    }

    /// Everything channel `name` still holds (nil: nothing), and the channel closed.
    private mutating func flush(_ name: String) -> String? {
        guard var channel = channels.removeValue(forKey: name), channel.text.isHolding else { return nil }
        return channel.text.flush(
            screen: profile.output.isOff ? nil : profile.output, masker: &masker, restore: profile.policy.restore,
            inJSON: channel.inJSON, tally: &tally)
    }

    /// One more event carrying what channel `name` still holds, shaped like its last delta. A
    /// Responses event takes `sequence` (the number of the event it goes before) and moves every
    /// later number up by one.
    private mutating func flushEvent(_ name: String, sequence: Int?) -> String? {
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
            if format == .openAIResponses, let number = sequence ?? event["sequence_number"]?.intValue {
                event["sequence_number"] = .int(number + inserted)
                inserted += 1
            }
            return Self.text(event)
        }
    }

    /// Every string of `object` outside the answer's skipped fields, screened whole.
    private mutating func screenWhole(_ object: inout [String: JSONValue]) -> Bool {
        let profile = self.profile
        var masker = GuardrailMasker()
        var tally = GuardrailTally()
        swap(&masker, &self.masker)
        swap(&tally, &self.tally)
        let outcome = JSONStringRewriter.rewriting(CanonicalJSON.bytes(.object(object)), fields: GuardrailSession.answerFields) {
            path, text in
            GuardrailSession.screenAnswerText(
                text, profile: profile, inJSON: path.last == .key("arguments"), masker: &masker, tally: &tally)
        }
        swap(&masker, &self.masker)
        swap(&tally, &self.tally)
        guard case .rewritten(let rewritten) = outcome, let screened = Self.decode(String(decoding: rewritten, as: UTF8.self)) else {
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
