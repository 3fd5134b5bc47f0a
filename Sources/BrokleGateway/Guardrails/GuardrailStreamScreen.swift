import BrokleCore
import BrokleProviders
import Foundation
import NIOCore

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
/// The common event — one text delta — is screened where it lies, on its bytes
/// (`GuardrailStreamScreen+Deltas`); only the events that end a text are decoded
/// (`GuardrailStreamScreen+Formats`, one function per wire format).
struct GuardrailStreamScreen: Sendable {
    let format: WireFormat
    /// The request's placeholders, and what output rules did on the way back.
    var session: GuardrailSession
    var channels: [String: Channel] = [:]
    /// Responses events inserted so far: later sequence numbers move up by as many.
    var inserted = 0
    /// The last OpenAI chunk, the shape of one made to carry what is left at the end.
    var lastChunk: [String: JSONValue]?

    /// One text being streamed, with the last event that carried it (the shape of one more).
    struct Channel: Sendable {
        var text = GuardrailTextStream()
        var template: Template
        /// Where the text sits in `template`.
        var field: [JSONPathElement]
        /// The text is JSON being written (tool-call arguments): restored values go in escaped.
        var inJSON: Bool
    }

    /// The last event of a channel, decoded only if one more must be made from it.
    enum Template: Sendable {
        case decoded([String: JSONValue])
        case raw(String)

        var object: [String: JSONValue]? {
            switch self {
            case .decoded(let object): object
            case .raw(let text): GuardrailStreamScreen.decode(text)
            }
        }
    }

    /// `session`'s counts start again: the request's are the outcome's already.
    init(format: WireFormat, session: GuardrailSession) {
        self.format = format
        var session = session
        session.tally = GuardrailTally()
        self.session = session
    }

    var profile: GuardrailProfile { session.profile }

    /// What output rules did on the way back.
    var tally: GuardrailTally { session.tally }

    /// Whether text is waiting for a later event.
    var isHolding: Bool { channels.values.contains { $0.text.isHolding } }

    /// The events to relay for one upstream event named `name`, with their names: the event's
    /// own, or (an inserted delta) its `type`, as the SSE `event:` line of Anthropic's and the
    /// Responses API's streams says.
    mutating func process(_ event: String, name: String?) -> [(event: String, name: String?)] {
        let events = process(event)
        guard events.count > 1 else { return events.map { ($0, name) } }
        return events.enumerated().map { position, event in
            position < events.count - 1 ? (event, typeName(of: event)) : (event, name)
        }
    }

    /// Events carrying what is still held, named, for a stream that ended without the event that
    /// would carry it.
    mutating func finish() -> [(event: String, name: String?)] {
        flushAll(sequence: nil).map { ($0, typeName(of: $0)) }
    }

    /// An inserted event's SSE name: its `type` (OpenAI chunks have none).
    private func typeName(of event: String) -> String? {
        format == .openAIChat ? nil : Self.decode(event)?["type"]?.stringValue
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

    /// Events carrying what is still held. `sequence`: the Responses sequence number the first of
    /// them takes (before the shift), when the event they go before has one.
    mutating func flushAll(sequence: Int?) -> [String] {
        var out: [String] = []
        for name in channels.keys.sorted() { if let event = flushEvent(name, sequence: sequence) { out.append(event) } }
        return out
    }

    static func decode(_ event: String) -> [String: JSONValue]? {
        guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, fromUntrusted: Array(event.utf8)) else { return nil }
        return object
    }

    // MARK: - Channels

    /// `delta` of channel `name` through its text stream: what can go now.
    mutating func feed(
        _ name: String, _ delta: String, template: [String: JSONValue], field: [JSONPathElement], inJSON: Bool
    ) -> String {
        let profile = self.profile
        var channel = channels[name] ?? Channel(template: .decoded(template), field: field, inJSON: inJSON)
        channel.template = .decoded(template)
        let released = channel.text.feed(
            delta, screen: profile.output.isOff ? nil : profile.output, masker: &session.masker, restore: profile.policy.restore,
            inJSON: inJSON, tally: &session.tally)
        channels[name] = channel
        return released
    }

    /// Everything channel `name` still holds (nil: nothing), and the channel closed.
    mutating func flush(_ name: String) -> String? {
        guard var channel = channels.removeValue(forKey: name), channel.text.isHolding else { return nil }
        let profile = self.profile
        return channel.text.flush(
            screen: profile.output.isOff ? nil : profile.output, masker: &session.masker, restore: profile.policy.restore,
            inJSON: channel.inJSON, tally: &session.tally)
    }

    /// One more event carrying what channel `name` still holds, shaped like its last delta. A
    /// Responses event takes `sequence` (the number of the event it goes before) and moves every
    /// later number up by one.
    mutating func flushEvent(_ name: String, sequence: Int?) -> String? {
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
    mutating func screenWhole(_ object: inout [String: JSONValue]) -> Bool {
        guard let screened = session.screenAnswer(ByteBuffer(bytes: CanonicalJSON.bytes(.object(object)))),
            let decoded = Self.decode(String(buffer: screened))
        else { return false }
        object = decoded
        return true
    }

    static func set(_ object: inout [String: JSONValue], at path: [JSONPathElement], to value: JSONValue) {
        guard case .key(let key)? = path.first else { return }
        if path.count == 1 {
            object[key] = value
        } else if case .object(var inner)? = object[key] {
            set(&inner, at: Array(path.dropFirst()), to: value)
            object[key] = .object(inner)
        }
    }

    static func text(_ object: [String: JSONValue]) -> String {
        String(decoding: CanonicalJSON.bytes(.object(object)), as: UTF8.self)
    }
}
