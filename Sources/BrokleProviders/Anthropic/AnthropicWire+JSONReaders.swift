import BrokleCore
import Foundation

extension AnthropicWire {
    // Readers for the OpenAI side, which is handled as untyped JSON: its unions (string or parts,
    // string or object) are many and Brokle reads only a few fields of each.

    static func object(_ value: JSONValue?) -> [String: JSONValue]? {
        if case .object(let object) = value { object } else { nil }
    }

    static func array(_ value: JSONValue?) -> [JSONValue]? {
        if case .array(let array) = value { array } else { nil }
    }

    static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .int(let int): Double(int)
        case .double(let double): double
        default: nil
        }
    }

    static func json(_ bytes: some Collection<UInt8>) -> JSONValue? {
        try? decoder.decode(JSONValue.self, fromUntrusted: bytes)
    }

    /// OpenAI tool call arguments (a JSON string) as Anthropic tool input, which must be an object.
    /// Empty or unreadable arguments (a model's malformed call echoed back by a client) become `{}`
    /// rather than failing the whole conversation.
    static func toolInput(_ arguments: String) -> JSONValue {
        guard let value = json(Array(arguments.utf8)), case .object = value else { return .object([:]) }
        return value
    }
}
