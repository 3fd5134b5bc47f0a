import Foundation

extension RequestIdentity {
    /// The `x-brokle-metadata` header: a JSON object of at most ``maximumMetadataKeys`` keys (each
    /// 1 to ``maximumMetadataKeyBytes`` bytes) whose values are strings, numbers, booleans or null,
    /// at most ``maximumMetadataBytes`` in all, and no NUL character (which PostgreSQL's jsonb
    /// refuses). Parsed strictly — a bad escape or number is refused here, not by a later query —
    /// and returned as written (an empty object: none). Only requests that send the header pay for it.
    package static func metadata(header: String?) throws(GatewayError) -> String? {
        guard let header else { return nil }
        let text = header.trimmingASCIIWhitespace()
        guard !text.isEmpty else { return nil }
        guard text.utf8.count <= maximumMetadataBytes else {
            throw badMetadata("is larger than \(maximumMetadataBytes) bytes")
        }
        let object: [String: JSONValue]
        do {
            object = try JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8))
        } catch {
            throw badMetadata("is not a JSON object")
        }
        guard object.count <= maximumMetadataKeys else { throw badMetadata("has more than \(maximumMetadataKeys) keys") }
        for (key, value) in object {
            guard !key.isEmpty, key.utf8.count <= maximumMetadataKeyBytes else {
                throw badMetadata("has a key that is empty or longer than \(maximumMetadataKeyBytes) bytes")
            }
            switch value {
            case .object, .array:
                throw badMetadata("has a value that is an object or array (strings, numbers, booleans and null only)")
            case .string(let string) where string.utf8.contains(0):
                throw badMetadata("has a NUL character")
            default:
                break
            }
            guard !key.utf8.contains(0) else { throw badMetadata("has a NUL character") }
        }
        return object.isEmpty ? nil : text
    }

    private static func badMetadata(_ problem: String) -> GatewayError {
        .invalidRequest("x-brokle-metadata \(problem).", param: "x-brokle-metadata")
    }
}
