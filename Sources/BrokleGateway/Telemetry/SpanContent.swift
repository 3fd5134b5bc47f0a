import Foundation
import BrokleCore

/// Prompt and completion text for spans, only when content capture is on: the conversation
/// fields of a request or answer body as compact JSON, cut at a byte limit (on a character
/// boundary, marked with `…`). Never headers: a body is what the client chose to send. Redacted
/// on the way: every value the guardrails' detector finds (an email, a card, a key…) is exported
/// as its entity's stem (`[EMAIL]`), whatever the request's policy — a collector is a copy.
enum SpanContent {
    /// The fields of a request body that hold its input, in either wire format.
    static let inputFields = ["system", "messages", "prompt", "input"]
    /// The fields of an answer body that hold its output (OpenAI `choices`, Anthropic `content`,
    /// embeddings are left out: vectors are not content anyone reads).
    static let outputFields = ["choices", "content"]

    /// `fields` of the JSON object in `body`, as compact JSON no longer than `limit` bytes; nil
    /// when the body is not an object or has none of them.
    static func text(of body: some Sequence<UInt8>, fields: [String], limit: Int) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return nil }
        var kept: [String: Any] = [:]
        for field in fields { if let value = object[field] { kept[field] = value } }
        guard !kept.isEmpty,
            let data = try? JSONSerialization.data(withJSONObject: kept, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return nil }
        let json = Array(data)
        let redacted =
            JSONStringRewriter.rewrite(json) { _, text in
                let redacted = GuardrailRedaction.redact(text)
                return redacted == text ? nil : redacted
            } ?? json
        return capped(String(decoding: redacted, as: UTF8.self), limit: limit)
    }

    /// `text` cut to at most `limit` UTF-8 bytes, ending in `…` when cut.
    static func capped(_ text: String, limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        let marker = "…"
        var budget = max(0, limit - marker.utf8.count)
        var result = ""
        for character in text {
            let size = character.utf8.count
            guard size <= budget else { break }
            budget -= size
            result.append(character)
        }
        return result + marker
    }
}
