/// The placeholders of one request: each value found gets `[STEM_n]` (`[EMAIL_1]`, `[EMAIL_2]`,
/// `[CARD_1]`), the same value the same placeholder wherever it appears in the request — and in
/// the answer, so a value the model repeats is masked as the client's was. Placeholders given to
/// the request's own values are remembered for ``restore(_:)``; those given to values the model
/// produced are not (they were never the client's to get back).
package struct GuardrailMasker: Sendable {
    /// Value → placeholder, per entity.
    private var placeholders: [GuardrailEntity: [String: String]] = [:]
    private var counters: [GuardrailEntity: Int] = [:]
    /// Placeholder → the request's value, for restore.
    package private(set) var originals: [String: String] = [:]
    /// The longest placeholder handed out, in bytes: how much a stream holds back for restore.
    package private(set) var longestPlaceholder = 0
    /// Placeholder-shaped text the request already holds (`[EMAIL_1]` typed by the client): never
    /// handed out, so restoring cannot turn the client's own text into someone's value.
    private var reserved: Set<String> = []

    package init() {}

    /// Keeps every `[A-Z0-9_]+]` in `bytes` (a request body) from being handed out.
    package mutating func reserveLiterals(in bytes: [UInt8]) {
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "[") else {
                index += 1
                continue
            }
            var end = index + 1
            while end < bytes.count, end - index <= 64, Self.isStemByte(bytes[end]) { end += 1 }
            if end < bytes.count, end > index + 1, bytes[end] == UInt8(ascii: "]") {
                reserved.insert(String(decoding: bytes[index...end], as: UTF8.self))
            }
            index = end
        }
    }

    /// The placeholder for `value`; `restorable` for the request's own values.
    package mutating func placeholder(for value: String, entity: GuardrailEntity, restorable: Bool) -> String {
        if let known = placeholders[entity]?[value] { return known }
        var number = counters[entity, default: 0] + 1
        while reserved.contains("[\(entity.placeholderStem)_\(number)]") { number += 1 }
        counters[entity] = number
        let placeholder = "[\(entity.placeholderStem)_\(number)]"
        placeholders[entity, default: [:]][value] = placeholder
        if restorable { originals[placeholder] = value }
        longestPlaceholder = max(longestPlaceholder, placeholder.utf8.count)
        return placeholder
    }

    /// `text` with every placeholder of the request's values turned back into the value; nil when
    /// it holds none. One pass over the bytes: a `[` starts a candidate, its `]` ends it. `inJSON`:
    /// the text is JSON being written (a tool call's arguments), so a value goes in escaped.
    package func restore(_ text: String, inJSON: Bool = false) -> String? {
        guard !originals.isEmpty else { return nil }
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "[")) else { return nil }
        var out: [UInt8] = []
        var copied = 0
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "[") else {
                index += 1
                continue
            }
            var end = index + 1
            while end < bytes.count, end - index <= longestPlaceholder, Self.isStemByte(bytes[end]) { end += 1 }
            guard end < bytes.count, bytes[end] == UInt8(ascii: "]") else {
                index = max(end, index + 1)
                continue
            }
            if let original = originals[String(decoding: bytes[index...end], as: UTF8.self)] {
                out.append(contentsOf: bytes[copied..<index])
                if inJSON {
                    out.append(contentsOf: JSONScanner.encodeString(original).dropFirst().dropLast())
                } else {
                    out.append(contentsOf: original.utf8)
                }
                copied = end + 1
            }
            index = end + 1
        }
        guard copied > 0 else { return nil }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }

    /// Bytes a placeholder is made of between its brackets.
    package static func isStemByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "_")
    }
}
