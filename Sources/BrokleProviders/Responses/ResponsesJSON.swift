import BrokleCore
import Foundation

/// JSON in and out for the Responses translations. Both sides are handled as untyped JSON: the
/// Responses API's unions (string or items, string or parts, tool kinds) are many, and the
/// translation reads a few fields of each and refuses what it cannot serve.
enum ResponsesJSON {
    static let decoder = JSONDecoder()

    /// Compact JSON, keys sorted so the same value always encodes to the same bytes.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func encode(_ value: JSONValue) -> [UInt8] {
        // Encoding a JSONValue cannot fail: no non-finite numbers come out of a decoder.
        (try? Array(encoder.encode(value))) ?? Array("null".utf8)
    }

    /// Untrusted JSON (a body, an upstream answer, a stream event), depth-checked before decoding;
    /// nil when it is not JSON or nests too deep.
    static func json(_ bytes: some Collection<UInt8>) -> JSONValue? {
        try? decoder.decode(JSONValue.self, fromUntrusted: bytes)
    }

    static func object(_ value: JSONValue?) -> [String: JSONValue]? {
        if case .object(let object) = value { object } else { nil }
    }

    static func array(_ value: JSONValue?) -> [JSONValue]? {
        if case .array(let array) = value { array } else { nil }
    }

    /// A value that is present and not `null`.
    static func present(_ value: JSONValue?) -> JSONValue? {
        if let value, value != .null { value } else { nil }
    }
}
