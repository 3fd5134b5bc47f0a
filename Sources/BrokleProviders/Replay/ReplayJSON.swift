import BrokleCore
import Foundation

/// JSON for replay: answers and events read as ``JSONValue`` (unknown fields kept), and written
/// back with their keys in the order the provider writes them (nested values with sorted keys).
enum ReplayJSON {
    /// A value to write: objects keep the order of their fields.
    indirect enum Node {
        case value(JSONValue)
        case object([(String, Node)])
        case array([Node])
    }

    /// A JSON object from outside, within ``JSONNesting/maxDepth``; nil for anything else.
    static func object(_ bytes: some Collection<UInt8>) -> [String: JSONValue]? {
        guard case .object(let object) = try? decoder.decode(JSONValue.self, fromUntrusted: bytes) else { return nil }
        return object
    }

    static func object(_ text: String) -> [String: JSONValue]? {
        object(Array(text.utf8))
    }

    static func object(_ value: JSONValue?) -> [String: JSONValue]? {
        if case .object(let object) = value { object } else { nil }
    }

    static func array(_ value: JSONValue?) -> [JSONValue]? {
        if case .array(let array) = value { array } else { nil }
    }

    /// Absent or `null`.
    static func isNull(_ value: JSONValue?) -> Bool {
        value == nil || value == .null
    }

    /// Absent, `null` or `[]`.
    static func isEmpty(_ value: JSONValue?) -> Bool {
        isNull(value) || value == .array([])
    }

    static func bytes(_ node: Node) -> [UInt8] {
        var out: [UInt8] = []
        write(node, to: &out)
        return out
    }

    static func text(_ node: Node) -> String {
        String(decoding: bytes(node), as: UTF8.self)
    }

    /// The fields of `object` not in `known`, sorted by key: what is kept without being understood.
    static func rest(of object: [String: JSONValue], without known: Set<String>) -> [(String, Node)] {
        object.filter { !known.contains($0.key) }.sorted { $0.key < $1.key }.map { ($0.key, .value($0.value)) }
    }

    private static let decoder = JSONDecoder()

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private static func write(_ node: Node, to out: inout [UInt8]) {
        switch node {
        case .value(let value):
            // Encoding a decoded value cannot fail (no non-finite numbers come out of a decoder).
            out += (try? encoder.encode(value)) ?? Data("null".utf8)
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            for (offset, (key, value)) in fields.enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                out += JSONScanner.encodeString(key)
                out.append(UInt8(ascii: ":"))
                write(value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (offset, item) in items.enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                write(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }
}
