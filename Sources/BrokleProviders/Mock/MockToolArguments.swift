import BrokleCore
import Foundation

/// Arguments for the mock's tool call, drawn from the prompt to fit the tool's `parameters` JSON
/// schema: each property in `required` (every property, by name, when there is no `required`) gets
/// its `enum`'s first value or `const`; else, by `type`, the prompt (string), the first number in the
/// prompt or 1 (integer, number), true, [], {} or null. Nested objects stay empty. The prompt comes
/// trimmed and capped by ``MockToolTurn``.
enum MockToolArguments {
    /// A compact JSON object, properties in `required`'s order (or sorted by name).
    static func json(schema: JSONValue?, prompt: String) -> String {
        let properties: [String: JSONValue]
        if case .object(let declared)? = schema?["properties"] { properties = declared } else { properties = [:] }
        let names: [String]
        if case .array(let required)? = schema?["required"] {
            var seen: Set<String> = []
            names = required.compactMap(\.stringValue).filter { seen.insert($0).inserted }
        } else {
            names = properties.keys.sorted()
        }
        let fields = names.map { MockResponses.string($0) + ":" + value(properties[$0], prompt: prompt) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// One property's value as JSON text. Without a usable `type`, the first branch of `anyOf` or
    /// `oneOf` that is not `null` decides; with none of these, the prompt (any JSON fits `{}`).
    static func value(_ schema: JSONValue?, prompt: String) -> String {
        if case .array(let values)? = schema?["enum"], let first = values.first { return encode(first) }
        if let constant = schema?["const"] { return encode(constant) }
        let type: String?
        switch schema?["type"] {
        case .string(let name)?: type = name
        case .array(let names)?: type = names.compactMap(\.stringValue).first { $0 != "null" } ?? names.first?.stringValue
        default: type = nil
        }
        switch type {
        case "string": return MockResponses.string(prompt)
        case "integer": return firstNumber(in: prompt, integer: true) ?? "1"
        case "number": return firstNumber(in: prompt, integer: false) ?? "1"
        case "boolean": return "true"
        case "array": return "[]"
        case "object": return "{}"
        case "null": return "null"
        default: break
        }
        for key in ["anyOf", "oneOf"] {
            if case .array(let branches)? = schema?[key], let branch = branches.first(where: { $0["type"] != .string("null") }) {
                return value(branch, prompt: prompt)
            }
        }
        if schema?["properties"] != nil { return "{}" }
        if schema?["items"] != nil { return "[]" }
        return MockResponses.string(prompt)
    }

    /// The first number written in `text`, as JSON: its digits (an integer reads `3.5` as 3), with
    /// the `-` in front unless that joins two words (`mid-2024` is 2024). nil when there is none or
    /// it does not fit.
    static func firstNumber(in text: String, integer: Bool) -> String? {
        let bytes = Array(text.utf8)
        guard let start = bytes.firstIndex(where: isDigit) else { return nil }
        var end = start
        while end < bytes.count, isDigit(bytes[end]) { end += 1 }
        if !integer, end + 1 < bytes.count, bytes[end] == UInt8(ascii: "."), isDigit(bytes[end + 1]) {
            end += 1
            while end < bytes.count, isDigit(bytes[end]) { end += 1 }
        }
        let negative = start > 0 && bytes[start - 1] == UInt8(ascii: "-") && (start == 1 || !isWordByte(bytes[start - 2]))
        let literal = (negative ? "-" : "") + String(decoding: bytes[start..<end], as: UTF8.self)
        if integer { return Int(literal).map(String.init) }
        guard let number = Double(literal), number.isFinite else { return nil }
        return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// A letter, digit or any byte of a non-ASCII character.
    private static func isWordByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte >= 0x80 || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private static func encode(_ value: JSONValue) -> String {
        (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}
