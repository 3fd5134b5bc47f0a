import BrokleCore
import BrokleProviders

/// The bulk of a stream: one text delta, screened where it lies in the event's bytes — nothing
/// decoded or encoded but the text — by the channel its choice, block or item names.
extension GuardrailStreamScreen {
    /// Strings of a delta event that are not text: read past without decoding.
    static let deltaFields = JSONStringRewriter.Fields(
        skipped: GuardrailSession.answerSkipped.union(["item_id", "obfuscation"]), freeForm: ["input"])

    /// A text-delta event screened where it lies, byte for byte but for the text; nil when the
    /// event is not one, or needs its structure looked at: an OpenAI chunk that ends its choice,
    /// carries tool calls (named by their `index`) or is not choice 0; a Responses event whose
    /// sequence number moves.
    mutating func delta(_ event: String) -> String? {
        let bytes = Array(event.utf8)
        var channel: (name: String, field: [JSONPathElement], inJSON: Bool)?
        switch format {
        case .openAIChat:
            guard !Self.endsChoice(bytes), !Self.has(bytes, Self.toolCalls),
                Self.has(bytes, Self.firstChoice) || Self.has(bytes, Self.firstChoiceSpaced) || Self.has(bytes, Self.noChoices)
            else { return nil }
            channel = ("c0", [.key("choices"), .index(0), .key("delta"), .key("content")], false)
        case .anthropicMessages:
            guard Self.has(bytes, Self.blockDelta), let inspector = try? RequestInspector(bytes),
                inspector.string("type") == "content_block_delta", let index = inspector.int("index")
            else { return nil }
            if Self.has(bytes, Self.textDelta) {
                channel = ("b\(index)", [.key("delta"), .key("text")], false)
            } else if Self.has(bytes, Self.jsonDelta) {
                channel = ("b\(index)", [.key("delta"), .key("partial_json")], true)
            }
        case .openAIResponses:
            guard inserted == 0, Self.has(bytes, Self.anyDelta), let inspector = try? RequestInspector(bytes),
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
        swap(&masker, &session.masker)
        swap(&tally, &session.tally)
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
        swap(&masker, &session.masker)
        swap(&tally, &session.tally)
        switch outcome {
        case .rewritten(let screened): return String(decoding: screened, as: UTF8.self)
        case .unchanged: return event
        case .unreadable: return nil
        }
    }

    static let finishReason = Array(#""finish_reason""#.utf8)
    static let toolCalls = Array(#""tool_calls""#.utf8)
    static let firstChoice = Array(#""index":0"#.utf8)
    static let firstChoiceSpaced = Array(#""index": 0"#.utf8)
    static let noChoices = Array(#""choices":[]"#.utf8)
    static let blockDelta = Array(#""content_block_delta""#.utf8)
    static let textDelta = Array(#""text_delta""#.utf8)
    static let jsonDelta = Array(#""input_json_delta""#.utf8)
    static let anyDelta = Array(#".delta""#.utf8)

    static func has(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { ByteSearch.contains(needle, in: $0) }
    }

    /// Whether an OpenAI chunk has a `finish_reason` that is not null (spaces allowed around `:`).
    static func endsChoice(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var from = 0
            while let found = ByteSearch.firstOffset(of: finishReason, in: raw, from: from) {
                var next = found + finishReason.count
                while next < raw.count, raw[next] == 0x20 || raw[next] == UInt8(ascii: ":") { next += 1 }
                if next < raw.count, raw[next] != UInt8(ascii: "n") { return true }
                from = next
            }
            return false
        }
    }
}
