import BrokleCore
import Foundation

/// JSON Schema (as OpenAI tools carry it) → the OpenAPI-style subset Gemini's `Schema` accepts.
/// Gemini answers 400 INVALID_ARGUMENT for keywords it does not know, so these are removed at every
/// depth: `additionalProperties`, `$schema`, `$id`, `$comment` and `strict` (Pydantic and zod emit
/// them by default). `"type": ["string", "null"]` becomes `"type": "string", "nullable": true`.
/// Property names under `properties` are kept whatever they are; literal values (`enum`, `default`,
/// `example`) are not walked. `anyOf` with a `null` variant becomes `nullable` too. Anything else
/// Gemini does not support (`$ref`/`$defs`, `oneOf`, ...) is passed on and Gemini's error relayed.
enum GeminiSchema {
    static let rejectedKeys: Set<String> = ["additionalProperties", "$schema", "$id", "$comment", "strict"]
    static let literalKeys: Set<String> = ["enum", "default", "example", "examples", "const"]

    static func sanitized(_ schema: JSONValue) -> JSONValue {
        switch schema {
        case .array(let items):
            return .array(items.map(sanitized))
        case .object(let fields):
            var result: [String: JSONValue] = [:]
            for (key, value) in fields where !rejectedKeys.contains(key) {
                switch key {
                case "properties":
                    if case .object(let properties) = value {
                        result[key] = .object(properties.mapValues(sanitized))
                    } else {
                        result[key] = value
                    }
                case "type":
                    if case .array(let types) = value {
                        let named = types.filter { $0 != .string("null") }
                        if named.count < types.count { result["nullable"] = .bool(true) }
                        result[key] = named.count == 1 ? named[0] : .array(named)
                    } else {
                        result[key] = value
                    }
                case _ where literalKeys.contains(key):
                    result[key] = value
                default:
                    result[key] = sanitized(value)
                }
            }
            return collapsingNullVariant(result)
        default:
            return schema
        }
    }

    /// `{"anyOf": [X, {"type": "null"}]}` (how Pydantic writes `Optional[X]`) → X with
    /// `"nullable": true`, since Gemini has no `null` type; the outer fields (description, title,
    /// default) win over X's.
    private static func collapsingNullVariant(_ fields: [String: JSONValue]) -> JSONValue {
        guard case .array(let variants)? = fields["anyOf"] else { return .object(fields) }
        let named = variants.filter { $0["type"] != .string("null") }
        guard named.count < variants.count else { return .object(fields) }
        var result = fields
        result["nullable"] = .bool(true)
        if named.count == 1, case .object(let only) = named[0] {
            result["anyOf"] = nil
            result.merge(only) { outer, _ in outer }
        } else {
            result["anyOf"] = .array(named)
        }
        return .object(result)
    }

    /// A function's parameters for Gemini, or nil for a function without any: Gemini rejects an
    /// `OBJECT` schema whose `properties` is empty.
    static func parameters(_ schema: JSONValue) -> JSONValue? {
        let clean = sanitized(schema)
        guard case .object(let fields) = clean else { return nil }
        if fields["type"]?.stringValue == "object" {
            guard case .object(let properties)? = fields["properties"], !properties.isEmpty else { return nil }
        }
        return clean
    }
}
